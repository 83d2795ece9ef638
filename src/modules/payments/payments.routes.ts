import { z } from 'zod';
import { requestContext } from '../../kernel/http/server.ts';
import { IdParamSchema, pageOf, problemResponses } from '../../kernel/http/schemas.ts';
import type { HttpApp } from '../../kernel/http/types.ts';
import type { Platform } from '../../kernel/platform.ts';
import {
  AccountParamSchema,
  AlertQuerySchema,
  AlertSchema,
  DecisionSchema,
  EngineStatusSchema,
  ScoreSchema,
  TriageSchema,
  TxBatchResultSchema,
  TxBatchSchema,
  TxInputSchema,
  WatchEntrySchema,
  WatchInputSchema,
  WatchQuerySchema,
} from './payments.schema.ts';
import {
  accountScore,
  addWatchEntries,
  listWatchEntries,
  decide,
  engineStatus,
  getAlert,
  ingestBatch,
  listAlerts,
  triageAlert,
} from './payments.service.ts';

const WatchResultSchema = z.object({ added: z.number().int(), skipped: z.number().int(), items: z.array(WatchEntrySchema) });

export function paymentRoutes(app: HttpApp, p: Platform): void {
  const tags = ['payments'];
  app.post(
    '/api/payments/transactions',
    {
      config: { access: 'payments.ingest' },
      schema: {
        tags,
        summary: 'Send up to 1,000 transactions (idempotent by txId)',
        body: TxBatchSchema,
        response: { 200: TxBatchResultSchema, ...problemResponses },
      },
    },
    async (req) => ingestBatch(p, requestContext(req), req.body),
  );
  app.post(
    '/api/payments/decide',
    {
      config: { access: 'payments.decide' },
      schema: {
        tags,
        summary: "Real-time decision: apply one transaction, answer the payee's score",
        body: TxInputSchema,
        response: { 200: DecisionSchema, ...problemResponses },
      },
    },
    async (req) => decide(p, requestContext(req), req.body),
  );
  app.get(
    '/api/payments/engine',
    {
      config: { access: 'payments.read' },
      schema: {
        tags,
        summary: "This process's live engine and graph pass: loaded, rule set, size, last pass",
        response: { 200: EngineStatusSchema, ...problemResponses },
      },
    },
    async (req) => engineStatus(p, requestContext(req)),
  );
  app.get(
    '/api/payments/accounts/:account/score',
    {
      config: { access: 'payments.read' },
      schema: {
        tags,
        summary: "An account's live score (audited)",
        params: AccountParamSchema,
        response: { 200: ScoreSchema, ...problemResponses },
      },
    },
    async (req) => accountScore(p, requestContext(req), req.params.account),
  );
  app.get(
    '/api/payments/alerts',
    {
      config: { access: 'payments.read' },
      schema: {
        tags,
        summary: 'Payment alerts, highest score first',
        querystring: AlertQuerySchema,
        response: { 200: pageOf(AlertSchema), ...problemResponses },
      },
    },
    async (req) => listAlerts(p, requestContext(req), req.query),
  );
  app.get(
    '/api/payments/alerts/:id',
    {
      config: { access: 'payments.read' },
      schema: { tags, summary: 'One alert (audited)', params: IdParamSchema, response: { 200: AlertSchema, ...problemResponses } },
    },
    async (req) => getAlert(p, requestContext(req), req.params.id),
  );
  app.patch(
    '/api/payments/alerts/:id',
    {
      config: { access: 'payments.triage' },
      schema: {
        tags,
        summary: 'Triage an alert (send the version you read)',
        params: IdParamSchema,
        body: TriageSchema,
        response: { 200: AlertSchema, ...problemResponses },
      },
    },
    async (req) => triageAlert(p, requestContext(req), req.params.id, req.body),
  );
  app.get(
    '/api/payments/watchlist',
    {
      config: { access: 'payments.read' },
      schema: {
        tags,
        summary: 'The watchlist, newest first (identifiers masked to their last four characters)',
        querystring: WatchQuerySchema,
        response: { 200: pageOf(WatchEntrySchema), ...problemResponses },
      },
    },
    async (req) => listWatchEntries(p, requestContext(req), req.query),
  );
  app.post(
    '/api/payments/watchlist',
    {
      config: { access: 'payments.watchlist' },
      schema: {
        tags,
        summary: 'Add an identifier to the watchlist',
        body: WatchInputSchema,
        response: { 201: WatchResultSchema, ...problemResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await addWatchEntries(p, requestContext(req), [req.body])),
  );
}
