import { z } from 'zod';
import type { HttpApp } from '../../kernel/http/types.ts';
import type { Platform } from '../../kernel/platform.ts';
import { LegalQuerySchema, LegalReferenceSchema, RegionSchema } from './reference.schema.ts';
import { listLegalReferences, listRegions } from './reference.service.ts';

export function referenceRoutes(app: HttpApp, platform: Platform): void {
  app.get(
    '/api/reference/regions',
    {
      config: { access: 'reference.read' },
      schema: {
        tags: ['reference'],
        summary: 'Regions and cities with KATO codes',
        response: { 200: z.object({ items: z.array(RegionSchema) }) },
      },
    },
    async () => ({ items: await listRegions(platform.db) }),
  );
  app.get(
    '/api/reference/legal',
    {
      config: { access: 'reference.read' },
      schema: {
        tags: ['reference'],
        summary: 'Legal references that modules point to',
        querystring: LegalQuerySchema,
        response: { 200: z.object({ items: z.array(LegalReferenceSchema) }) },
      },
    },
    async (req) => ({ items: await listLegalReferences(platform.db, req.query.validOn ?? null) }),
  );
}
