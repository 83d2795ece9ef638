import { z } from 'zod';
import { requestContext } from '../../kernel/http/server.ts';
import { IdParamSchema, problemResponses } from '../../kernel/http/schemas.ts';
import type { HttpApp } from '../../kernel/http/types.ts';
import type { Platform } from '../../kernel/platform.ts';
import { addAttachment } from './attachments.service.ts';
import { BASE } from './cases.routes.ts';
import { AttachmentInputSchema, AttachmentSchema, OfficerQuerySchema, OfficerSchema } from './cases.schema.ts';
import { listOfficers } from './officers.service.ts';
import { RULES } from './rules.ts';

const tags = ['family-safety'];

/** Officers to assign to, attachment metadata and the rules the case forms need. */
export function caseExtraRoutes(app: HttpApp, p: Platform): void {
  app.get(
    `${BASE}/officers`,
    {
      config: { access: 'dv_cases.write' },
      schema: {
        tags,
        summary: "Active officers of the region's specialised unit (to assign a case)",
        querystring: OfficerQuerySchema,
        response: { 200: z.object({ items: z.array(OfficerSchema) }), ...problemResponses },
      },
    },
    async (req) => listOfficers(p, requestContext(req), req.query.region),
  );
  app.post(
    `${BASE}/cases/:id/attachments`,
    {
      config: { access: 'dv_cases.write' },
      schema: {
        tags,
        summary: `Attachment metadata (name, type, size ≤ ${RULES.attachments.maxBytes / 1048576} MB, SHA-256); no file storage yet`,
        params: IdParamSchema,
        body: AttachmentInputSchema,
        response: { 201: AttachmentSchema, ...problemResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await addAttachment(p, requestContext(req), req.params.id, req.body)),
  );
  app.get(
    `${BASE}/rules`,
    {
      config: { access: 'dv_cases.read' },
      schema: {
        tags,
        summary: 'Durations, conditions and limits the case forms use (data/rules.json)',
        response: { 200: RulesSchema, ...problemResponses },
      },
    },
    async () => ({
      measures: RULES.measures,
      attachments: { maxBytes: RULES.attachments.maxBytes, contentTypes: RULES.attachments.contentTypes },
      breakGlassHours: RULES.breakGlassHours,
      consentOverrideMinLength: 20,
    }),
  );
}

const RulesSchema = z.object({
  measures: z.object({
    protective_order: z.object({ days: z.number(), subjectMinAge: z.number() }),
    special_requirements: z.object({
      minMonths: z.number(),
      maxMonths: z.number(),
      minCheckinsPerMonth: z.number(),
      maxCheckinsPerMonth: z.number(),
    }),
    conditions: z.array(z.string()),
    breachLegalCode: z.string(),
  }),
  attachments: z.object({ maxBytes: z.number(), contentTypes: z.array(z.string()) }),
  breakGlassHours: z.number(),
  consentOverrideMinLength: z.number(),
});
