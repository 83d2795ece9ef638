import type { Command } from 'commander';
import { z } from 'zod';
import { SYSTEM_ACTOR } from '../../kernel/access/actor.ts';
import { recordAudit, verifyAuditChain } from '../../kernel/audit/audit.ts';
import { progress } from '../../kernel/cli/cli.ts';
import type { TartipModule } from '../../kernel/module.ts';
import type { Platform } from '../../kernel/platform.ts';
import { systemRoutes } from './system.routes.ts';

export { VERSION } from './version.ts';

function auditCli(program: Command, open: () => Promise<Platform>): void {
  const audit = program.command('audit').description('The audit trail');
  audit
    .command('verify')
    .description('Check the hash chain; names the first broken entry and exits 1 if the trail was tampered with')
    .action(async () => {
      const p = await open();
      try {
        await p.audit.flush();
        const bar = progress('verify', 0);
        const r = await verifyAuditChain(p.db, (done, total) => bar.update(done, total));
        bar.stop();
        if (r.ok) {
          process.stdout.write(`Audit trail intact: ${r.checked} entries; head #${r.head?.seq ?? 0} ${r.head?.hash ?? '-'}\n`);
        } else {
          process.stdout.write(
            `Audit trail BROKEN at entry #${r.firstBroken?.seq}: ${r.firstBroken?.reason} (${r.checked} entries before it are intact)\n`,
          );
          process.exitCode = 1;
        }
      } finally {
        await p.close();
      }
    });
}

/** Health, audit search and verification, job status, the permission registry. */
export const systemModule: TartipModule = {
  name: 'system',
  policy: {
    permissions: {
      'audit.read': { description: 'Search and verify the audit trail' },
      'jobs.read': { description: 'See background job status' },
    },
    grants: { commission_admin: ['audit.read', 'jobs.read'], auditor: ['audit.read'] },
  },
  routes: systemRoutes,
  cli: auditCli,
  jobs: (p) => [
    {
      name: 'audit.seal',
      description: 'Chains deferred audit entries left behind by a process that stopped before sealing them',
      schema: z.object({}).passthrough(),
      cron: '* * * * *',
      handler: async () => ({ sealed: await p.audit.flush() }),
    },
    {
      name: 'audit.verify-chain',
      description: 'Nightly verification of the audit hash chain; the result is itself audited',
      schema: z.object({}).passthrough(),
      cron: '30 1 * * *',
      handler: async () => {
        await p.audit.flush();
        const r = await verifyAuditChain(p.db);
        await p.db.transaction().execute((tx) =>
          recordAudit(
            tx,
            { actor: { ...SYSTEM_ACTOR, username: 'job:audit.verify-chain' } },
            {
              action: 'audit.verified',
              resourceType: 'audit_log',
              details: { ok: r.ok, checked: r.checked, firstBroken: r.firstBroken },
            },
          ),
        );
        if (!r.ok) throw new Error(`Audit chain broken at #${r.firstBroken?.seq}: ${r.firstBroken?.reason}`);
        return r;
      },
    },
  ],
};
