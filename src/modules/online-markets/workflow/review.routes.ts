import { requestContext } from '../../../kernel/http/server.ts';
import { IdParamSchema, pageOf, problemResponses } from '../../../kernel/http/schemas.ts';
import type { HttpApp } from '../../../kernel/http/types.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { dashboard } from './dashboard.service.ts';
import { BASE } from './intake.routes.ts';
import { getResource, getShop, listQueue } from './queue.service.ts';
import { bulkTransition, transition, type Action } from './review.service.ts';
import {
  ApproveSchema,
  BulkResultSchema,
  BulkSchema,
  DashboardQuerySchema,
  DashboardSchema,
  QueueQuerySchema,
  ResourceDetailSchema,
  ResourceSchema,
  RestoreBodySchema,
  ShopSchema,
  StepSchema,
} from './workflow.schema.ts';

const tags = ['online-markets'];

/** The review queue, resources, shops, workflow steps (single and bulk) and the dashboard. */
export function reviewRoutes(app: HttpApp, p: Platform): void {
  app.get(
    `${BASE}/queue`,
    {
      config: { access: 'om.read' },
      schema: {
        tags,
        summary: 'Review queue: by status, label, shop; score first',
        querystring: QueueQuerySchema,
        response: { 200: pageOf(ResourceSchema), ...problemResponses },
      },
    },
    async (req) => listQueue(p, requestContext(req), req.query),
  );
  app.get(
    `${BASE}/resources/:id`,
    {
      config: { access: 'om.read' },
      schema: {
        tags,
        summary: 'One resource with indicators, decisions, checks and timeline',
        params: IdParamSchema,
        response: { 200: ResourceDetailSchema, ...problemResponses },
      },
    },
    async (req) => getResource(p, requestContext(req), req.params.id),
  );
  app.get(
    `${BASE}/shops/:id`,
    {
      config: { access: 'om.read' },
      schema: {
        tags,
        summary: 'Shop profile: mirrors, handles, payment identifiers (masked), timeline, graph',
        params: IdParamSchema,
        response: { 200: ShopSchema, ...problemResponses },
      },
    },
    async (req) => getShop(p, requestContext(req), req.params.id),
  );
  const step = (action: Exclude<Action, 'approve' | 'restore'>, summary: string) =>
    app.post(
      `${BASE}/resources/:id/${action}`,
      {
        config: { access: 'om.review' },
        schema: { tags, summary, params: IdParamSchema, body: StepSchema, response: { 200: ResourceSchema, ...problemResponses } },
      },
      async (req) => {
        const ctx = requestContext(req);
        const r = await transition(p, ctx, req.params.id, action, req.body);
        return getResource(p, ctx, r.id);
      },
    );
  step('take', 'Take into review');
  step('dismiss', 'Dismiss (not a drug resource)');
  step('reopen', 'Reopen a dismissed or restored resource');
  app.post(
    `${BASE}/resources/:id/approve`,
    {
      config: { access: 'om.approve' },
      schema: {
        tags,
        summary: 'Approve blocking with the legal basis and the decision',
        params: IdParamSchema,
        body: ApproveSchema,
        response: { 200: ResourceSchema, ...problemResponses },
      },
    },
    async (req) => {
      const ctx = requestContext(req);
      const r = await transition(p, ctx, req.params.id, 'approve', req.body);
      return getResource(p, ctx, r.id);
    },
  );
  app.post(
    `${BASE}/resources/:id/restore`,
    {
      config: { access: 'om.approve' },
      schema: {
        tags,
        summary: 'Restore access (owner removed the content, or the decision was revoked)',
        params: IdParamSchema,
        body: RestoreBodySchema,
        response: { 200: ResourceSchema, ...problemResponses },
      },
    },
    async (req) => {
      const ctx = requestContext(req);
      const r = await transition(p, ctx, req.params.id, 'restore', req.body);
      return getResource(p, ctx, r.id);
    },
  );
  app.post(
    `${BASE}/resources/bulk`,
    {
      config: { access: 'om.review' },
      schema: {
        tags,
        summary: 'Take, dismiss or approve many (one decision for all); per-item outcomes',
        body: BulkSchema,
        response: { 200: BulkResultSchema, ...problemResponses },
      },
    },
    async (req) => {
      const { action, items, reason, decision } = req.body;
      return {
        items: await bulkTransition(p, requestContext(req), action, items, {
          ...(reason ? { reason } : {}),
          ...(decision ? { decision } : {}),
        }),
      };
    },
  );
  app.get(
    `${BASE}/dashboard`,
    {
      config: { access: 'om.dashboard' },
      schema: {
        tags,
        summary: 'Daily dashboard (aggregates only)',
        querystring: DashboardQuerySchema,
        response: { 200: DashboardSchema, ...problemResponses },
      },
    },
    async (req) => dashboard(p, requestContext(req), req.query.from, req.query.to),
  );
}
