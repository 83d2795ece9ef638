import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { bootPlatform, buildServer, seedDemo } from '../app.ts';
import { loadConfig, type Config } from '../kernel/config.ts';
import { openDatabase, type DatabaseHandle } from '../kernel/db/database.ts';
import type { HttpApp } from '../kernel/http/types.ts';
import type { RouteRecord } from '../kernel/http/server.ts';
import type { Platform } from '../kernel/platform.ts';

// A fixed key per test process: secrets never come from the repo, and tests need none on disk.
process.env.TARTIP_SECRET_KEY ??= randomBytes(32).toString('hex');

export type TestPlatform = Platform & { engine: 'pglite' | 'postgres' };

/** True when the suite runs against a PostgreSQL server (DATABASE_URL), else on in-memory PGlite. */
export const onServer = Boolean(process.env.DATABASE_URL);

function testConfig(overrides: Partial<Config> = {}): Config {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tartip-test-'));
  return loadConfig({ ...process.env, TARTIP_LOG_LEVEL: 'silent', TARTIP_DATA_DIR: dataDir }, { databaseUrl: undefined, ...overrides });
}

async function freshServerDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = new URL(process.env.DATABASE_URL ?? '');
  const name = `tartip_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base.toString() });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base.toString());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base.toString() });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/**
 * A migrated platform on a database of its own: a new database on the PostgreSQL server when
 * DATABASE_URL is set, else an in-memory PGlite. `close()` removes it.
 */
export async function createTestPlatform(opts: { demo?: boolean; config?: Partial<Config> } = {}): Promise<TestPlatform> {
  let handle: DatabaseHandle;
  let drop: (() => Promise<void>) | undefined;
  let config: Config;
  if (onServer) {
    const fresh = await freshServerDatabase();
    drop = fresh.drop;
    config = testConfig({ databaseUrl: fresh.url, databasePoolSize: 5, ...opts.config });
    handle = await openDatabase({ kind: 'postgres', url: fresh.url, poolSize: 5 });
  } else {
    config = testConfig(opts.config);
    handle = await openDatabase({ kind: 'pglite-memory' });
  }
  const platform = await bootPlatform(config, { handle });
  if (opts.demo) await seedDemo(platform);
  const close = platform.close;
  return Object.assign(platform, {
    engine: handle.engine,
    async close() {
      await close();
      await drop?.();
      fs.rmSync(config.dataDir, { recursive: true, force: true });
    },
  });
}

export type TestApp = { app: HttpApp; routes: RouteRecord[]; platform: TestPlatform; close(): Promise<void> };

/** A platform plus its HTTP server (not listening: use app.inject). */
export async function createTestApp(opts: { demo?: boolean; config?: Partial<Config>; webRoot?: string | null } = {}): Promise<TestApp> {
  const platform = await createTestPlatform(opts);
  const { app, routes } = await buildServer(platform, { webRoot: opts.webRoot ?? null, logger: false });
  await app.ready();
  return {
    app,
    routes,
    platform,
    async close() {
      await app.close();
      await platform.close();
    },
  };
}
