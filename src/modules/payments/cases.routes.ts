import { z } from 'zod';
import { requestContext } from '../../kernel/http/server.ts';
import { IdParamSchema, pageOf, problemResponses } from '../../kernel/http/schemas.ts';
import type { HttpApp } from '../../kernel/http/types.ts';
import type { Platform } from '../../kernel/platform.ts';
import {
  AlertCommentsSchema,
  CaseDetailSchema,
  CaseQuerySchema,
  CaseSummarySchema,
  CommentInputSchema,
  CommentSchema,
  CreateCaseSchema,
  DispositionInputSchema,
  DispositionSchema,
  MergeAlertsSchema,
  UpdateCaseSchema,
} from './cases.schema.ts';
import {
  addComment,
  alertHistory,
  createCase,
  disposeAlert,
  disposeCase,
  getCase,
  listCases,
  mergeIntoCase,
  updateCase,
} from './cases.service.ts';
import { AlertSchema } from './payments.schema.ts';

const tags = ['payments'];

/** Case work on payment alerts: comments, dispositions, cases with their network, FM-1 and freeze outputs. */
export function caseRoutes(app: HttpApp, p: Platform): void {
  app.get(
    '/api/payments/alerts/:id/comments',
    {
      config: { access: 'payments.read' },
      schema: {
        tags,
        summary: "An alert's comments and disposition history (audited)",
        params: IdParamSchema,
        response: { 200: AlertCommentsSchema, ...problemResponses },
      },
    },
    async (req) => alertHistory(p, requestContext(req), req.params.id),
  );
  app.post(
    '/api/payments/alerts/:id/comments',
    {
      config: { access: 'payments.triage' },
      schema: {
        tags,
        summary: 'Comment on an alert',
        params: IdParamSchema,
        body: CommentInputSchema,
        response: { 201: CommentSchema, ...problemResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await addComment(p, requestContext(req), { alertId: req.params.id }, req.body.body)),
  );
  app.post(
    '/api/payments/alerts/:id/disposition',
    {
      config: { access: 'payments.triage' },
      schema: {
        tags,
        summary: 'Dispose of an alert: false_positive | escalate | confirmed, with a reason (send the version you read)',
        params: IdParamSchema,
        body: DispositionInputSchema,
        response: { 200: z.object({ alert: AlertSchema, disposition: DispositionSchema }), ...problemResponses },
      },
    },
    async (req) => disposeAlert(p, requestContext(req), req.params.id, req.body),
  );
  app.get(
    '/api/payments/cases',
    {
      config: { access: 'payments.read' },
      schema: {
        tags,
        summary: 'Payment cases, newest first',
        querystring: CaseQuerySchema,
        response: { 200: pageOf(CaseSummarySchema), ...problemResponses },
      },
    },
    async (req) => listCases(p, requestContext(req), req.query),
  );
  app.post(
    '/api/payments/cases',
    {
      config: { access: 'payments.triage' },
      schema: {
        tags,
        summary: 'Merge alerts into a new case (stores the network within 2 hops of their accounts)',
        body: CreateCaseSchema,
        response: { 201: CaseSummarySchema, ...problemResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await createCase(p, requestContext(req), req.body)),
  );
  app.get(
    '/api/payments/cases/:id',
    {
      config: { access: 'payments.read' },
      schema: {
        tags,
        summary: 'One case with alerts, comments, dispositions, outputs and network (audited)',
        params: IdParamSchema,
        response: { 200: CaseDetailSchema, ...problemResponses },
      },
    },
    async (req) => getCase(p, requestContext(req), req.params.id),
  );
  app.patch(
    '/api/payments/cases/:id',
    {
      config: { access: 'payments.triage' },
      schema: {
        tags,
        summary: 'Assign, rename, close or reopen a case (send the version you read)',
        params: IdParamSchema,
        body: UpdateCaseSchema,
        response: { 200: CaseSummarySchema, ...problemResponses },
      },
    },
    async (req) => updateCase(p, requestContext(req), req.params.id, req.body),
  );
  app.post(
    '/api/payments/cases/:id/alerts',
    {
      config: { access: 'payments.triage' },
      schema: {
        tags,
        summary: 'Merge more alerts into a case (send the version you read)',
        params: IdParamSchema,
        body: MergeAlertsSchema,
        response: { 200: CaseSummarySchema, ...problemResponses },
      },
    },
    async (req) => mergeIntoCase(p, requestContext(req), req.params.id, req.body),
  );
  app.post(
    '/api/payments/cases/:id/comments',
    {
      config: { access: 'payments.triage' },
      schema: {
        tags,
        summary: 'Comment on a case',
        params: IdParamSchema,
        body: CommentInputSchema,
        response: { 201: CommentSchema, ...problemResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await addComment(p, requestContext(req), { caseId: req.params.id }, req.body.body)),
  );
  app.post(
    '/api/payments/cases/:id/disposition',
    {
      config: { access: 'payments.triage' },
      schema: {
        tags,
        summary: 'Dispose of a case and all its alerts, with a reason (send the version you read)',
        params: IdParamSchema,
        body: DispositionInputSchema,
        response: { 200: z.object({ case: CaseSummarySchema, dispositions: z.array(DispositionSchema) }), ...problemResponses },
      },
    },
    async (req) => disposeCase(p, requestContext(req), req.params.id, req.body),
  );
}
