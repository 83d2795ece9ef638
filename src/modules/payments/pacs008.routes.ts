import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../kernel/errors.ts';
import { requestContext } from '../../kernel/http/server.ts';
import { problemResponses } from '../../kernel/http/schemas.ts';
import type { HttpApp } from '../../kernel/http/types.ts';
import type { Platform } from '../../kernel/platform.ts';
import { ingestPacs008 } from './pacs008.service.ts';

/** Largest pacs.008 document the API takes (bigger files: `tartip payments import-pacs008`). */
export const PACS008_BODY_LIMIT = 16 * 1024 * 1024;

const Pacs008ResultSchema = z
  .object({
    batchId: z.string(),
    messageVersion: z.number().int().nullable(),
    accepted: z.number().int(),
    duplicates: z.number().int(),
    rejected: z.number().int(),
    items: z.array(
      z.object({
        txId: z.string(),
        line: z.number().int(),
        status: z.enum(['accepted', 'duplicate', 'rejected']),
        error: z.string().optional(),
      }),
    ),
  })
  .meta({ id: 'PaymentPacs008Result' });

/**
 * ISO 20022 pacs.008 intake. The XML parser (raw text, own size limit) lives in an encapsulated scope so
 * other routes keep answering 415 to XML.
 */
export function pacs008Routes(app: HttpApp, p: Platform): void {
  void app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    scope.addContentTypeParser(['application/xml', 'text/xml'], { parseAs: 'string', bodyLimit: PACS008_BODY_LIMIT }, (_req, body, done) =>
      done(null, body),
    );
    scope.post(
      '/api/payments/transactions/pacs008',
      {
        config: { access: 'payments.ingest' },
        bodyLimit: PACS008_BODY_LIMIT,
        // before validation, so a JSON body is 415 rather than a schema error
        preValidation: async (req) => {
          if (typeof req.body !== 'string') throw new AppError('unsupported_media_type', 'Send the pacs.008 document as application/xml');
        },
        schema: {
          tags: ['payments'],
          summary: 'Send an ISO 20022 pacs.008 (FIToFICustomerCreditTransfer, 001.02–001.10) as application/xml; idempotent by tx id',
          consumes: ['application/xml'],
          body: z.string().min(1).meta({ description: 'An ISO 20022 pacs.008 document (UTF-8)' }),
          querystring: z.strictObject({ source: z.string().trim().min(1).max(64).optional() }),
          response: { 200: Pacs008ResultSchema, 413: problemResponses[400], 415: problemResponses[400], ...problemResponses },
        },
      },
      async (req) => ingestPacs008(p, requestContext(req), req.body, req.query.source ? { source: req.query.source } : {}),
    );
  });
}
