import { PermissionRegistry } from './access/permissions.ts';
import type { Config } from './config.ts';
import { openDatabase, type DatabaseHandle, type Db } from './db/database.ts';
import { migrate, type MigrationResult } from './db/migrator.ts';
import { Notifications } from './db/notifications.ts';
import { auditMigrations } from './audit/audit.migrations.ts';
import { AuditSealer } from './audit/pending.ts';
import { Jobs } from './jobs/jobs.ts';
import type { TartipModule } from './module.ts';
import { loadSecrets, type Secrets } from './secrets.ts';

/** Everything a running Tartip process shares: configuration, database, permissions, jobs, modules. */
export type Platform = {
  config: Config;
  handle: DatabaseHandle;
  db: Db;
  registry: PermissionRegistry;
  jobs: Jobs;
  modules: readonly TartipModule[];
  secrets: Secrets;
  /** Seals deferred audit entries (high-rate machine actions) into the chain. */
  audit: AuditSealer;
  /** Tells other processes on the same PostgreSQL database that in-memory state changed (LISTEN/NOTIFY). */
  notifications: Notifications;
  close(): Promise<void>;
};

/** The kernel's own migrations, applied before any module's. */
const KERNEL_MIGRATIONS = { module: 'kernel', migrations: auditMigrations };

export function buildRegistry(modules: readonly TartipModule[]): PermissionRegistry {
  const registry = new PermissionRegistry();
  for (const m of modules) if (m.policy) registry.register(m.policy);
  for (const m of modules) if (m.policy) registry.grant(m.policy);
  return registry;
}

/** Opens the configured database and assembles the platform (does not migrate or start jobs). */
export async function openPlatform(config: Config, modules: readonly TartipModule[], handle?: DatabaseHandle): Promise<Platform> {
  const h =
    handle ??
    (config.databaseUrl
      ? await openDatabase({ kind: 'postgres', url: config.databaseUrl, poolSize: config.databasePoolSize })
      : await openDatabase({ kind: 'pglite', dataDir: config.dataDir }));
  const registry = buildRegistry(modules);
  const jobs = new Jobs(h);
  const secrets = loadSecrets(config);
  const platform: Platform = {
    config,
    handle: h,
    db: h.db,
    registry,
    jobs,
    modules,
    secrets,
    audit: new AuditSealer(h.db),
    notifications: new Notifications(h),
    async close() {
      for (const m of modules)
        await m.shutDown?.(platform).catch((e: unknown) => process.stderr.write(`${m.name} shut-down: ${(e as Error).message}\n`));
      await platform.audit.stop().catch((e: unknown) => process.stderr.write(`audit sealer at close: ${(e as Error).message}\n`));
      await platform.notifications.close();
      await jobs.stop();
      await h.close();
    },
  };
  for (const m of modules) for (const def of m.jobs?.(platform) ?? []) jobs.define(def);
  return platform;
}

/** Runs kernel then module migrations, in order. */
export function migratePlatform(platform: Platform, onApplied?: (id: string) => void): Promise<MigrationResult> {
  const all = [
    KERNEL_MIGRATIONS,
    ...platform.modules.filter((m) => m.migrations).map((m) => ({ module: m.name, migrations: m.migrations ?? [] })),
  ];
  return migrate(platform.handle, all, onApplied);
}

/** Idempotent reference data of every module. */
export async function seedReference(platform: Platform): Promise<void> {
  await platform.db.transaction().execute(async (tx) => {
    for (const m of platform.modules) await m.seedReference?.(tx, platform);
  });
}
