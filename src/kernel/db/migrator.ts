import { createHash } from 'node:crypto';
import type { DatabaseHandle } from './database.ts';

/** One append-only migration: plain PostgreSQL that runs on PGlite and on PostgreSQL 15. */
export type Migration = { id: string; sql: string };
export type ModuleMigrations = { module: string; migrations: readonly Migration[] };

export type MigrationResult = { applied: string[]; alreadyApplied: number };

function checksum(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

const LOCK_KEY = 781_245_001; // advisory lock so two migrators on one server do not race

/**
 * Applies every pending migration, module by module in the given order, in one transaction.
 * A landed migration whose text changed is refused: migrations are append-only.
 */
export async function migrate(
  handle: DatabaseHandle,
  modules: readonly ModuleMigrations[],
  onApplied?: (id: string) => void,
): Promise<MigrationResult> {
  return handle.script(async (c) => {
    await c.query('select pg_advisory_xact_lock($1)', [LOCK_KEY]);
    await c.exec(`create table if not exists tartip_migrations (
      id text primary key,
      module text not null,
      checksum text not null,
      applied_at timestamptz not null default now()
    )`);
    const rows = await c.query<{ id: string; checksum: string }>('select id, checksum from tartip_migrations');
    const done = new Map(rows.map((r) => [r.id, r.checksum]));
    const applied: string[] = [];
    const seen = new Set<string>();
    for (const mod of modules) {
      for (const m of mod.migrations) {
        const id = `${mod.module}/${m.id}`;
        if (seen.has(id)) throw new Error(`Duplicate migration id ${id}`);
        seen.add(id);
        const sum = checksum(m.sql);
        const landed = done.get(id);
        if (landed !== undefined) {
          if (landed !== sum) {
            throw new Error(`Migration ${id} was edited after it was applied. Migrations are append-only: add a new one instead.`);
          }
          continue;
        }
        try {
          await c.exec(m.sql);
        } catch (e) {
          throw new Error(`Migration ${id} failed: ${(e as Error).message}`, { cause: e });
        }
        await c.query('insert into tartip_migrations (id, module, checksum) values ($1, $2, $3)', [id, mod.module, sum]);
        applied.push(id);
        onApplied?.(id);
      }
    }
    return { applied, alreadyApplied: done.size };
  });
}
