import { z } from 'zod';
import { requestContext } from '../../kernel/http/server.ts';
import { IdParamSchema, problemResponses } from '../../kernel/http/schemas.ts';
import type { HttpApp } from '../../kernel/http/types.ts';
import type { Platform } from '../../kernel/platform.ts';
import { generateReport, getReport, printableReport } from './cases.reports.ts';
import { PrintableQuerySchema, ReportRequestSchema, ReportSchema } from './cases.schema.ts';

const tags = ['payments'];

/** Outputs of a case: FM-1-structured report and hold/freeze recommendation; JSON, printable HTML or CSV. */
export function caseReportRoutes(app: HttpApp, p: Platform): void {
  app.post(
    '/api/payments/cases/:id/reports',
    {
      config: { access: 'payments.triage' },
      schema: {
        tags,
        summary: 'Generate an output: FM-1-structured suspicious-transaction report or hold/freeze recommendation',
        params: IdParamSchema,
        body: ReportRequestSchema,
        response: { 201: ReportSchema, ...problemResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await generateReport(p, requestContext(req), req.params.id, req.body)),
  );
  app.get(
    '/api/payments/reports/:id',
    {
      config: { access: 'payments.read' },
      schema: {
        tags,
        summary: 'One case output as JSON (audited)',
        params: IdParamSchema,
        response: { 200: ReportSchema, ...problemResponses },
      },
    },
    async (req) => getReport(p, requestContext(req), req.params.id),
  );
  app.get(
    '/api/payments/reports/:id/printable',
    {
      config: { access: 'payments.read' },
      schema: {
        tags,
        summary: 'One case output as printable HTML or CSV (audited)',
        params: IdParamSchema,
        querystring: PrintableQuerySchema,
        response: { 200: z.string(), ...problemResponses },
      },
    },
    async (req, reply) => {
      const r = await printableReport(p, requestContext(req), req.params.id, req.query.format);
      return reply.type(r.contentType).send(r.text);
    },
  );
}
