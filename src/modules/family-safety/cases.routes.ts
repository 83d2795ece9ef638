import { z } from 'zod';
import { requestContext } from '../../kernel/http/server.ts';
import { IdParamSchema, PageQuerySchema, pageOf, problemResponses } from '../../kernel/http/schemas.ts';
import type { HttpApp } from '../../kernel/http/types.ts';
import type { Platform } from '../../kernel/platform.ts';
import { assessCase, decideOverride, getInstrument } from './assessments.service.ts';
import {
  AssignSchema,
  BreakGlassSchema,
  CaseDetailSchema,
  CaseListItemSchema,
  CaseQuerySchema,
  FirstContactSchema,
  IncidentSchema,
  IntakeSchema,
  SearchQuerySchema,
  SearchResultSchema,
  TimelineEntrySchema,
  UpdateCaseSchema,
} from './cases.schema.ts';
import {
  assignCase,
  breakGlass,
  caseTimeline,
  getCase,
  listCases,
  recordFirstContact,
  searchBeforeIntake,
  updateCase,
} from './cases.service.ts';
import { fieldError } from './helpers.ts';
import { addIncident, intakeCase } from './intake.service.ts';
import { addMeasure, addMeasureEvent } from './measures.service.ts';
import { completeTask, listTasks } from './tasks.service.ts';
import {
  AssessmentInputSchema,
  AssessmentResultSchema,
  InstrumentQuerySchema,
  InstrumentSchema,
  MeasureEventSchema,
  MeasureInputSchema,
  MeasureSchema,
  OverrideDecisionSchema,
  TaskQuerySchema,
  TaskSchema,
} from './workflows.schema.ts';

export const BASE = '/api/family-safety';
const tags = ['family-safety'];
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,100}$/;

function idempotencyKey(raw: string | string[] | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !IDEMPOTENCY_KEY.test(raw))
    throw fieldError('headers.idempotency-key', 'Idempotency-Key: 8-100 letters, digits, _ . : -', 'invalid_idempotency_key');
  return raw;
}

/** Cases: intake, search, list, page, timeline, break-the-glass, assignment, incidents, risk, measures, tasks. */
export function caseRoutes(app: HttpApp, p: Platform): void {
  const detail = { 200: CaseDetailSchema, ...problemResponses };
  app.get(
    `${BASE}/cases`,
    {
      config: { access: 'dv_cases.read' },
      schema: {
        tags,
        summary: 'Cases (region-scoped; codes, not names, outside the case team)',
        querystring: CaseQuerySchema,
        response: { 200: pageOf(CaseListItemSchema), ...problemResponses },
      },
    },
    async (req) => listCases(p, requestContext(req), req.query),
  );
  app.post(
    `${BASE}/cases`,
    {
      config: { access: 'dv_cases.write' },
      schema: {
        tags,
        summary: 'Take in a case (send an Idempotency-Key header to make retries safe)',
        body: IntakeSchema,
        response: { 201: CaseDetailSchema, ...problemResponses },
      },
    },
    async (req, reply) => {
      const r = await intakeCase(p, requestContext(req), req.body, { idempotencyKey: idempotencyKey(req.headers['idempotency-key']) });
      if (r.replayed) void reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(r.detail);
    },
  );
  app.get(
    `${BASE}/search`,
    {
      config: { access: 'dv_cases.write' },
      schema: {
        tags,
        summary: 'Find persons (name + birth date) and cases (address) before intake',
        querystring: SearchQuerySchema,
        response: { 200: SearchResultSchema, ...problemResponses },
      },
    },
    async (req) => searchBeforeIntake(p, requestContext(req), req.query),
  );
  app.get(
    `${BASE}/cases/:id`,
    {
      config: { access: 'dv_cases.read' },
      schema: { tags, summary: 'One case (each view audited)', params: IdParamSchema, response: detail },
    },
    async (req) => getCase(p, requestContext(req), req.params.id),
  );
  app.patch(
    `${BASE}/cases/:id`,
    {
      config: { access: 'dv_cases.write' },
      schema: {
        tags,
        summary: 'Close, reopen or requalify (send the version you read)',
        params: IdParamSchema,
        body: UpdateCaseSchema,
        response: detail,
      },
    },
    async (req) => updateCase(p, requestContext(req), req.params.id, req.body),
  );
  app.get(
    `${BASE}/cases/:id/timeline`,
    {
      config: { access: 'dv_cases.read' },
      schema: {
        tags,
        summary: 'Everything that happened in the case (audited)',
        params: IdParamSchema,
        querystring: PageQuerySchema,
        response: { 200: pageOf(TimelineEntrySchema), ...problemResponses },
      },
    },
    async (req) => caseTimeline(p, requestContext(req), req.params.id, req.query.page, req.query.pageSize),
  );
  app.post(
    `${BASE}/cases/:id/access`,
    {
      config: { access: 'dv_cases.break_glass' },
      schema: {
        tags,
        summary: 'Break the glass: time-limited, audited access to a case outside your scope',
        params: IdParamSchema,
        body: BreakGlassSchema,
        response: {
          201: z.object({ grantId: z.string(), caseId: z.string(), expiresAt: z.string(), reason: z.string() }),
          ...problemResponses,
        },
      },
    },
    async (req, reply) => reply.status(201).send(await breakGlass(p, requestContext(req), req.params.id, req.body.reason)),
  );
  app.post(
    `${BASE}/cases/:id/assign`,
    {
      config: { access: 'dv_cases.write' },
      schema: {
        tags,
        summary: "Assign to an officer of the region's specialised unit",
        params: IdParamSchema,
        body: AssignSchema,
        response: detail,
      },
    },
    async (req) => assignCase(p, requestContext(req), req.params.id, req.body),
  );
  app.post(
    `${BASE}/cases/:id/first-contact`,
    {
      config: { access: 'dv_cases.write' },
      schema: {
        tags,
        summary: 'Record the first contact with the victim',
        params: IdParamSchema,
        body: FirstContactSchema,
        response: detail,
      },
    },
    async (req) => recordFirstContact(p, requestContext(req), req.params.id, req.body),
  );
  app.post(
    `${BASE}/cases/:id/incidents`,
    {
      config: { access: 'dv_cases.write' },
      schema: {
        tags,
        summary: 'A new incident (repeat flag, re-assessment, school notifications)',
        params: IdParamSchema,
        body: IncidentSchema,
        response: { 201: CaseDetailSchema, ...problemResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await addIncident(p, requestContext(req), req.params.id, req.body)),
  );
  app.get(
    `${BASE}/risk-instrument`,
    {
      config: { access: 'dv_cases.read' },
      schema: {
        tags,
        summary: 'The current risk questionnaire with the region thresholds',
        querystring: InstrumentQuerySchema,
        response: { 200: InstrumentSchema, ...problemResponses },
      },
    },
    async (req) => getInstrument(p, requestContext(req), req.query.region),
  );
  app.post(
    `${BASE}/cases/:id/assessments`,
    {
      config: { access: 'dv_cases.assess' },
      schema: {
        tags,
        summary: 'Assess the risk (override: raising applies, lowering waits for a second person)',
        params: IdParamSchema,
        body: AssessmentInputSchema,
        response: { 201: AssessmentResultSchema, ...problemResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await assessCase(p, requestContext(req), req.params.id, req.body)),
  );
  app.post(
    `${BASE}/assessments/:id/override-decision`,
    {
      config: { access: 'dv_cases.override_confirm' },
      schema: {
        tags,
        summary: 'A different person confirms or rejects a lowered band',
        params: IdParamSchema,
        body: OverrideDecisionSchema,
        response: { 200: AssessmentResultSchema, ...problemResponses },
      },
    },
    async (req) => decideOverride(p, requestContext(req), req.params.id, req.body),
  );
  app.post(
    `${BASE}/cases/:id/measures`,
    {
      config: { access: 'dv_cases.write' },
      schema: {
        tags,
        summary: 'Protective order or court special requirements',
        params: IdParamSchema,
        body: MeasureInputSchema,
        response: { 201: MeasureSchema, ...problemResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await addMeasure(p, requestContext(req), req.params.id, req.body)),
  );
  app.post(
    `${BASE}/measures/:id/events`,
    {
      config: { access: 'dv_cases.write' },
      schema: {
        tags,
        summary: 'Check-in, missed check-in or breach (art. 461)',
        params: IdParamSchema,
        body: MeasureEventSchema,
        response: { 201: MeasureSchema, ...problemResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await addMeasureEvent(p, requestContext(req), req.params.id, req.body)),
  );
  app.get(
    `${BASE}/tasks`,
    {
      config: { access: 'dv_cases.read' },
      schema: {
        tags,
        summary: 'Tasks with deadlines (overdue=true for the overdue ones)',
        querystring: TaskQuerySchema,
        response: { 200: pageOf(TaskSchema), ...problemResponses },
      },
    },
    async (req) => listTasks(p, requestContext(req), req.query),
  );
  app.post(
    `${BASE}/tasks/:id/complete`,
    {
      config: { access: 'dv_cases.write' },
      schema: {
        tags,
        summary: 'Mark a task done',
        params: IdParamSchema,
        response: { 200: z.object({ id: z.string(), status: z.string() }), ...problemResponses },
      },
    },
    async (req) => completeTask(p, requestContext(req), req.params.id),
  );
}
