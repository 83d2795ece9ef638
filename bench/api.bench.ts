/**
 * bench:api — requests/s and latency of an authenticated read endpoint under load from a second process.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:api   (target: PostgreSQL)
 *   npm run bench:api                                                             (embedded PGlite, for comparison)
 *
 * The server runs as its own process (`tartip serve`, the production entry point); this process
 * generates the load: with `wrk` (Debian package, a light C load generator) when installed, else with
 * autocannon from this Node process. On a 2-core machine the load generator, the server and PostgreSQL
 * share the cores, so the lighter generator leaves more for the system under test.
 * Options: BENCH_SECONDS (15), BENCH_CONNECTIONS (16), BENCH_TOOL (wrk|autocannon).
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { bootPlatform, seedDemo } from '../src/app.ts';
import { loadConfig } from '../src/kernel/config.ts';
import { buildToken } from '../src/testing/factories.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 15);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 16);
const port = 18000 + Math.floor(Math.random() * 1000);
const serverUrl = process.env.DATABASE_URL;
process.env.TARTIP_SECRET_KEY ??= randomBytes(32).toString('hex');

type LoadResult = { tool: string; rps: number; latency: { p50: number; p90: number; p99: number }; non2xx: number; errors: number };

const hasWrk = () => process.env.BENCH_TOOL !== 'autocannon' && spawnSync('wrk', ['--version']).error === undefined;

function ms(v: string): number {
  const m = /([\d.]+)(us|ms|s)/.exec(v);
  if (!m) return NaN;
  const n = Number(m[1]);
  return m[2] === 'us' ? n / 1000 : m[2] === 's' ? n * 1000 : n;
}

async function load(url: string, authorization: string): Promise<LoadResult> {
  if (hasWrk()) {
    const run = (secs: number) =>
      execFileSync('wrk', ['-t1', `-c${connections}`, `-d${secs}s`, '--latency', '-H', `authorization: ${authorization}`, url]).toString();
    run(3); // warm-up
    const out = run(seconds);
    const pct = (p: string) => ms(new RegExp(`\\s${p}%\\s+(\\S+)`).exec(out)?.[1] ?? '');
    const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
    const errors = (/Socket errors: (.*)/.exec(out)?.[1] ?? '').split(',').reduce((a, part) => a + Number(/\d+/.exec(part)?.[0] ?? 0), 0);
    return {
      tool: 'wrk',
      rps: Math.round(Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1])),
      latency: { p50: pct('50'), p90: pct('90'), p99: pct('99') },
      non2xx,
      errors,
    };
  }
  const headers = { authorization };
  await autocannon({ url, headers, connections, duration: 3 });
  const r = await autocannon({ url, headers, connections, duration: seconds });
  return {
    tool: 'autocannon',
    rps: Math.round(r.requests.average),
    latency: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99 },
    non2xx: r.non2xx,
    errors: r.errors,
  };
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tartip-bench-'));
  let dbUrl: string | undefined;
  let dropDb: (() => Promise<void>) | undefined;
  if (serverUrl) {
    const name = `tartip_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(serverUrl);
    u.pathname = `/${name}`;
    dbUrl = u.toString();
    dropDb = async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  const env = { ...process.env, TARTIP_DATA_DIR: dataDir, DATABASE_URL: dbUrl ?? '', PORT: String(port), TARTIP_LOG_LEVEL: 'warn' };
  const config = loadConfig(env);
  const platform = await bootPlatform(config);
  await seedDemo(platform);
  const token = await buildToken(platform, { permissions: ['settlements.read'], organisationCode: 'MCI' });
  const engine = platform.handle.engine;
  await platform.close();

  const server = spawn(process.execPath, ['bin/tartip.mjs', 'serve'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) break;
      } catch {
        /* not up yet */
      }
      if (i > 300) throw new Error('server did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
    const url = `http://127.0.0.1:${port}/api/settlements?pageSize=20&region=KZ-61`;
    const check = await fetch(url, { headers: token.headers });
    if (!check.ok) throw new Error(`endpoint answered ${check.status}`);
    const r = await load(url, token.headers.authorization);
    const figures = {
      engine,
      tool: r.tool,
      endpoint: 'GET /api/settlements?pageSize=20&region=KZ-61 (bearer token, region scope + filter, page with total)',
      connections,
      seconds,
      requestsPerSecond: r.rps,
      latencyMs: r.latency,
      non2xx: r.non2xx,
      errors: r.errors,
      cores: os.cpus().length,
    };
    console.log(JSON.stringify(figures, null, 2));
    console.log(
      `bench:api ${engine}: ${figures.requestsPerSecond} req/s, p99 ${figures.latencyMs.p99} ms ` +
        `(target ≥ 2000 req/s, p99 ≤ 50 ms on PostgreSQL) ${figures.non2xx + figures.errors > 0 ? 'WITH ERRORS' : ''}`,
    );
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    await dropDb?.();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
