import { requestContext } from '../../kernel/http/server.ts';
import { IdParamSchema, pageOf, problemResponses } from '../../kernel/http/schemas.ts';
import type { HttpApp } from '../../kernel/http/types.ts';
import type { Platform } from '../../kernel/platform.ts';
import {
  CreateSettlementSchema,
  SettlementDetailSchema,
  SettlementQuerySchema,
  SettlementSchema,
  StatsSchema,
  UpdateSettlementSchema,
} from './settlements.schema.ts';
import { createSettlement, getSettlement, listSettlements, settlementStats, updateSettlement } from './settlements.service.ts';

export function settlementRoutes(app: HttpApp, p: Platform): void {
  const tags = ['settlements'];
  app.get(
    '/api/settlements',
    {
      config: { access: 'settlements.read' },
      schema: {
        tags,
        summary: 'Sober settlements (region-scoped)',
        querystring: SettlementQuerySchema,
        response: { 200: pageOf(SettlementSchema), ...problemResponses },
      },
    },
    async (req) => listSettlements(p, requestContext(req), req.query),
  );
  app.get(
    '/api/settlements/stats',
    {
      config: { access: 'settlements.read' },
      schema: { tags, summary: 'Counts by region and status', response: { 200: StatsSchema, ...problemResponses } },
    },
    async (req) => settlementStats(p, requestContext(req)),
  );
  app.get(
    '/api/settlements/:id',
    {
      config: { access: 'settlements.read' },
      schema: { tags, summary: 'One settlement', params: IdParamSchema, response: { 200: SettlementDetailSchema, ...problemResponses } },
    },
    async (req) => getSettlement(p, requestContext(req), req.params.id),
  );
  app.post(
    '/api/settlements',
    {
      config: { access: 'settlements.write' },
      schema: {
        tags,
        summary: 'Register a settlement',
        body: CreateSettlementSchema,
        response: { 201: SettlementDetailSchema, ...problemResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await createSettlement(p, requestContext(req), req.body)),
  );
  app.patch(
    '/api/settlements/:id',
    {
      config: { access: 'settlements.write' },
      schema: {
        tags,
        summary: 'Change a settlement (send the version you read)',
        params: IdParamSchema,
        body: UpdateSettlementSchema,
        response: { 200: SettlementDetailSchema, ...problemResponses },
      },
    },
    async (req) => updateSettlement(p, requestContext(req), req.params.id, req.body),
  );
}
