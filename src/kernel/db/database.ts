import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';
import { lockDataFolder, type FolderLock } from './lock.ts';
import { SerializedPGliteDialect } from './serialized-pglite.ts';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Either the database or an open transaction: what repositories take. */
export type Executor = Db | Tx;
export type Engine = 'pglite' | 'postgres';

export type DatabaseHandle = {
  db: Db;
  engine: Engine;
  /** The PGlite instance on the embedded engine (pg-boss needs it), else undefined. */
  pglite: PGlite | undefined;
  /** The pg pool on the server engine, else undefined. */
  pool: pg.Pool | undefined;
  url: string | undefined;
  /** Runs fn in one transaction on a raw client that accepts multi-statement scripts (migrations). */
  script<T>(fn: (client: ScriptClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

export type ScriptClient = {
  exec(script: string): Promise<void>;
  query<R>(text: string, params?: unknown[]): Promise<R[]>;
};

export type OpenOptions =
  | { kind: 'postgres'; url: string; poolSize?: number }
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'pglite-memory'; loadDataDir?: Blob | File };

// Postgres returns bigint (int8) and numeric as strings by default; counts fit in JS numbers.
pg.types.setTypeParser(20, (v) => Number(v));

/** Opens the database chosen by configuration: a PostgreSQL server or embedded PGlite. */
export async function openDatabase(opts: OpenOptions): Promise<DatabaseHandle> {
  if (opts.kind === 'postgres') return openPostgres(opts.url, opts.poolSize ?? 10);
  let lock: FolderLock | undefined;
  let pglite: PGlite;
  if (opts.kind === 'pglite') {
    lock = lockDataFolder(opts.dataDir);
    const pgdata = path.join(opts.dataDir, 'pgdata');
    fs.mkdirSync(path.dirname(pgdata), { recursive: true });
    try {
      pglite = await PGlite.create(pgdata);
    } catch (e) {
      lock.release();
      throw new Error(`Could not open the embedded database in ${pgdata}: ${(e as Error).message}`, { cause: e });
    }
  } else {
    pglite = await PGlite.create(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {});
  }
  const db = new Kysely<Database>({ dialect: new SerializedPGliteDialect({ pglite }) });
  let closed = false;
  return {
    db,
    engine: 'pglite',
    pglite,
    pool: undefined,
    url: undefined,
    script: (fn) =>
      pglite.transaction((tx) =>
        fn({
          exec: async (text) => {
            await tx.exec(text);
          },
          query: async <R>(text: string, params?: unknown[]) => (await tx.query<R>(text, params)).rows,
        }),
      ),
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy(); // also closes the PGlite instance
      lock?.release();
    },
  };
}

async function openPostgres(url: string, poolSize: number): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5000 });
  pool.on('connect', (client) => usePreparedStatements(client));
  pool.on('error', () => {
    /* idle client errors are reported by the next query */
  });
  try {
    const client = await pool.connect();
    client.release();
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw new Error(`Cannot connect to PostgreSQL at ${redactUrl(url)}: ${(e as Error).message}`, { cause: e });
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    db,
    engine: 'postgres',
    pglite: undefined,
    pool,
    url,
    async script(fn) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const out = await fn({
          exec: async (text) => {
            await client.query(text);
          },
          query: async <R>(text: string, params?: unknown[]) => (await client.query(text, params)).rows as R[],
        });
        await client.query('commit');
        return out;
      } catch (e) {
        await client.query('rollback').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}

/**
 * Parameterised queries become named prepared statements (one per SQL text, per connection), so
 * PostgreSQL parses and plans each query shape once per connection instead of on every request.
 */
function usePreparedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const names = new Map<string, string>();
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (text: unknown, values?: unknown, cb?: unknown) => {
    if (typeof text === 'string' && Array.isArray(values) && values.length > 0 && typeof cb !== 'function') {
      let name = names.get(text);
      if (!name) {
        if (names.size >= 500) return query(text, values);
        name = `tt_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
        names.set(text, name);
      }
      return query({ name, text, values });
    }
    return query(text, values, cb);
  };
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

/** The engine's version string, e.g. "PostgreSQL 15.19". */
export async function databaseVersion(db: Executor): Promise<string> {
  const r = await sql<{ v: string }>`select current_setting('server_version') as v`.execute(db);
  return `PostgreSQL ${r.rows[0]?.v ?? '?'}`;
}
