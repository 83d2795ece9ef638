import { requirePermission } from '../../../kernel/access/actor.ts';
import { AppError } from '../../../kernel/errors.ts';
import { requestContext } from '../../../kernel/http/server.ts';
import { problemResponses } from '../../../kernel/http/schemas.ts';
import type { HttpApp } from '../../../kernel/http/types.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { parseFile, parsePaste, type FileFormat, type ParsedLine } from './intake.parse.ts';
import { ingestMany, type ItemOutcome } from './intake.service.ts';
import { reportFormToken, submitReport } from './report.service.ts';
import { WORKFLOW } from './settings.ts';
import {
  FileQuerySchema,
  FileSchema,
  IntakeResultSchema,
  PasteSchema,
  ReportFormSchema,
  ReportResultSchema,
  ReportSchema,
} from './workflow.schema.ts';

export const BASE = '/api/online-markets';
const tags = ['online-markets'];
const result = { 200: IntakeResultSchema, 413: problemResponses[400], ...problemResponses };

function summarise(lines: readonly ParsedLine[], outcomes: readonly ItemOutcome[]) {
  const items = outcomes.map((o, i) => {
    const l = lines[i]!;
    return { ...o, line: l.line, id: 'item' in l ? (l.item.externalId ?? null) : null };
  });
  const counts = { new: 0, duplicate: 0, rejected: 0 };
  for (const o of items) counts[o.outcome]++;
  return { items, counts };
}

async function runLines(p: Platform, req: Parameters<typeof requestContext>[0], lines: ParsedLine[]) {
  const ctx = requestContext(req);
  requirePermission(ctx.actor, 'om.intake');
  if (lines.length > WORKFLOW.intake.maxItemsPerRequest)
    throw new AppError('payload_too_large', `At most ${WORKFLOW.intake.maxItemsPerRequest} items per request`);
  const outcomes = await ingestMany(
    p,
    ctx,
    lines.map((l) => ('item' in l ? l.item : { error: l.error })),
  );
  return summarise(lines, outcomes);
}

/** Intake: analyst paste and file upload, partner JSONL batches, and the public citizen report. */
export function intakeRoutes(app: HttpApp, p: Platform): void {
  app.post(
    `${BASE}/intake`,
    {
      config: { access: 'om.intake' },
      schema: { tags, summary: 'Paste texts, URLs or Telegram handles (one per line, or one ad)', body: PasteSchema, response: result },
    },
    async (req) => {
      const source = req.actor?.kind === 'token' ? 'partner' : 'analyst';
      const lines = parsePaste(req.body.text, req.body.split, source).map((l) =>
        'item' in l ? { ...l, item: { ...l.item, regionCode: req.body.regionCode } } : l,
      );
      return runLines(p, req, lines);
    },
  );

  // raw bodies (text/plain, JSON Lines) are read as text in this encapsulated scope only
  void app.register(async (scope: HttpApp) => {
    scope.addContentTypeParser(
      ['application/x-ndjson', 'application/jsonl'],
      { parseAs: 'string', bodyLimit: 6_000_000 },
      (_req, body, done) => done(null, body),
    );
    scope.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: 6_000_000 }, (_req, body, done) => done(null, body));
    const fileBody = (
      body: unknown,
      contentType: string | undefined,
      format: FileFormat | undefined,
    ): { content: string; format: FileFormat } => {
      if (typeof body === 'string') {
        const f = format ?? (/ndjson|jsonl/.test(contentType ?? '') ? 'jsonl' : /csv/.test(contentType ?? '') ? 'csv' : 'txt');
        return { content: body, format: f };
      }
      const parsed = FileSchema.safeParse(body);
      if (!parsed.success)
        throw new AppError(
          'validation_failed',
          'Send {format, content} as JSON, or the file as text/plain, text/csv or application/x-ndjson',
          {
            errors: parsed.error.issues.map((i) => ({ path: `body.${i.path.join('.')}`, message: i.message, code: i.code })),
          },
        );
      return parsed.data;
    };
    scope.post(
      `${BASE}/intake/file`,
      {
        config: { access: 'om.intake' },
        bodyLimit: 6_000_000,
        schema: {
          tags,
          summary: 'Upload a TXT, CSV or JSONL file (JSON {format, content} or the raw file); per-line outcomes',
          querystring: FileQuerySchema,
          response: result,
        },
      },
      async (req) => {
        const { content, format } = fileBody(req.body, req.headers['content-type'], req.query.format);
        const source = req.actor?.kind === 'token' ? 'partner' : 'analyst';
        return runLines(p, req, parseFile(content, format, source, false));
      },
    );
    scope.post(
      `${BASE}/intake/batch`,
      {
        config: { access: 'om.intake' },
        bodyLimit: 6_000_000,
        schema: {
          tags,
          summary: 'Partner batch: JSON Lines {id, text|url|handle}; idempotent by id per submitter; per-item outcomes',
          response: result,
        },
      },
      async (req) => {
        const { content } = fileBody(req.body, 'application/x-ndjson', 'jsonl');
        const source = req.actor?.kind === 'token' ? 'partner' : 'analyst';
        return runLines(p, req, parseFile(content, 'jsonl', source, true));
      },
    );
  });

  app.get(
    `${BASE}/report/form`,
    {
      config: { access: 'public' },
      schema: { tags, summary: 'A signed token for the public report form (minimum fill time)', response: { 200: ReportFormSchema } },
    },
    async () => ({
      formToken: reportFormToken(p),
      minFillSeconds: WORKFLOW.citizen.minFillSeconds,
      maxPhotoBytes: WORKFLOW.citizen.maxPhotoBytes,
    }),
  );
  app.post(
    `${BASE}/report`,
    {
      config: { access: 'public', rateLimit: { max: WORKFLOW.citizen.ratePerMinute, timeWindow: '1 minute' } },
      bodyLimit: 7_500_000,
      schema: {
        tags,
        summary: 'Public report of a drug ad: a link, a Telegram handle, a text or a photo (no login; rate-limited)',
        body: ReportSchema,
        response: { 202: ReportResultSchema, ...problemResponses, 413: problemResponses[400] },
      },
    },
    async (req, reply) => reply.status(202).send(await submitReport(p, { requestId: String(req.id), locale: req.locale }, req.body)),
  );
}
