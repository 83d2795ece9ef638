import { z } from 'zod';

export const ArtefactSchema = z
  .object({
    id: z.uuid(),
    resourceId: z.uuid(),
    captureId: z.uuid(),
    kind: z.enum(['capture', 'warc', 'screenshot', 'photo']),
    url: z.string().nullable(),
    retrievedAt: z.string(),
    httpStatus: z.number().int().nullable(),
    headers: z.record(z.string(), z.string()),
    resolvedIps: z.array(z.string()),
    contentType: z.string(),
    size: z.number().int(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    capturedBy: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'OmEvidenceArtefact' });

export const ArtefactListSchema = z.object({ items: z.array(ArtefactSchema) });
