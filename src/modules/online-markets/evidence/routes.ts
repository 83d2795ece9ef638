import type { FastifyReply } from 'fastify';
import { requestContext } from '../../../kernel/http/server.ts';
import { IdParamSchema, problemResponses } from '../../../kernel/http/schemas.ts';
import type { HttpApp } from '../../../kernel/http/types.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { ArtefactListSchema } from './schema.ts';
import { exportEvidencePackage, listEvidence, openEvidence } from './service.ts';

const BASE = '/api/online-markets';
const tags = ['online-markets'];

/** Bytes as a download: never rendered inline, never cached, with the SHA-256 a recipient can check. */
function sendAttachment(reply: FastifyReply, file: { content: Buffer; contentType: string; fileName: string; sha256: string }) {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', `attachment; filename="${file.fileName}"`)
    .header('x-content-sha256', file.sha256)
    .header('cache-control', 'no-store')
    .send(file.content);
}

/** Evidence: list a resource's captures, open one artefact, export a court package. */
export function evidenceRoutes(app: HttpApp, p: Platform): void {
  app.get(
    `${BASE}/resources/:id/evidence`,
    {
      config: { access: 'om.evidence' },
      schema: {
        tags,
        summary: "A resource's evidence: artefacts with SHA-256, retrieval time, headers and IPs (no content; audited)",
        params: IdParamSchema,
        response: { 200: ArtefactListSchema, ...problemResponses },
      },
    },
    async (req) => listEvidence(p, requestContext(req), req.params.id),
  );
  app.get(
    `${BASE}/evidence/:id/content`,
    {
      config: { access: 'om.evidence' },
      schema: {
        tags,
        summary: 'The bytes of one artefact (WARC, PNG, JSON or photo) as an attachment, with X-Content-SHA256 (audited)',
        params: IdParamSchema,
        response: { ...problemResponses },
      },
    },
    async (req, reply) => sendAttachment(reply, await openEvidence(p, requestContext(req), req.params.id)),
  );
  app.get(
    `${BASE}/resources/:id/evidence-package`,
    {
      config: { access: 'om.evidence' },
      schema: {
        tags,
        summary: 'Court package (zip): manifest.json, manifest.sha256 (check with `sha256sum -c`), README and artefacts (audited)',
        params: IdParamSchema,
        response: { ...problemResponses },
      },
    },
    async (req, reply) => {
      const pkg = await exportEvidencePackage(p, requestContext(req), req.params.id);
      return sendAttachment(reply, { content: pkg.zip, contentType: 'application/zip', fileName: pkg.fileName, sha256: pkg.sha256 });
    },
  );
}
