import { z } from 'zod';
import { verifyAuditChain } from '../../kernel/audit/audit.ts';
import { databaseVersion } from '../../kernel/db/database.ts';
import { requestContext } from '../../kernel/http/server.ts';
import { pageOf, problemResponses } from '../../kernel/http/schemas.ts';
import type { HttpApp } from '../../kernel/http/types.ts';
import type { Platform } from '../../kernel/platform.ts';
import { searchAudit } from './audit-search.ts';
import { AuditEntrySchema, AuditQuerySchema, HealthSchema, JobsStatusSchema, VerifySchema } from './system.schema.ts';
import { VERSION } from './version.ts';

export function systemRoutes(app: HttpApp, p: Platform): void {
  let version: string | undefined;
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: { tags: ['system'], summary: 'Liveness and database engine', response: { 200: HealthSchema, 503: HealthSchema } },
    },
    async (_req, reply) => {
      try {
        version ??= await databaseVersion(p.db);
        await p.db.selectFrom('regions').select('code').limit(1).execute();
        return { status: 'ok' as const, database: { engine: p.handle.engine, version }, version: VERSION };
      } catch {
        return reply
          .status(503)
          .send({ status: 'unavailable' as const, database: { engine: p.handle.engine, version: version ?? 'unknown' }, version: VERSION });
      }
    },
  );
  app.get(
    '/api/audit',
    {
      config: { access: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: 'Search the audit trail',
        querystring: AuditQuerySchema,
        response: { 200: pageOf(AuditEntrySchema), ...problemResponses },
      },
    },
    async (req) => searchAudit(p, requestContext(req), req.query),
  );
  app.get(
    '/api/audit/verify',
    {
      config: { access: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: 'Verify the hash chain of the audit trail',
        response: { 200: VerifySchema, ...problemResponses },
      },
    },
    async () => {
      await p.audit.flush();
      const r = await verifyAuditChain(p.db);
      return { ok: r.ok, checked: r.checked, head: r.head, firstBroken: r.firstBroken };
    },
  );
  app.get(
    '/api/jobs',
    {
      config: { access: 'jobs.read' },
      schema: {
        tags: ['jobs'],
        summary: 'Background job queues and recent jobs',
        response: { 200: JobsStatusSchema, ...problemResponses },
      },
    },
    async () => (p.jobs.isStarted ? { ...(await p.jobs.status()), running: true } : { queues: [], recent: [], running: false }),
  );
  app.get(
    '/api/permissions',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['system'],
        summary: 'The permission registry and roles',
        response: {
          200: z.object({
            permissions: z.array(z.object({ name: z.string(), description: z.string(), tokenGrantable: z.boolean() })),
            roles: z.array(
              z.object({
                name: z.string(),
                privileged: z.boolean(),
                scope: z.string(),
                description: z.string(),
                permissions: z.array(z.string()),
              }),
            ),
          }),
        },
      },
    },
    async () => ({
      permissions: [...p.registry.permissions].map(([name, d]) => ({
        name,
        description: d.description,
        tokenGrantable: d.tokenGrantable ?? false,
      })),
      roles: [...p.registry.roles].map(([name, r]) => ({
        name,
        privileged: r.privileged,
        scope: r.scope,
        description: r.description,
        permissions: [...p.registry.permissionsOf(name)].sort(),
      })),
    }),
  );
}
