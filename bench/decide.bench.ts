/**
 * bench:decide — latency of one real-time decision (POST /api/payments/decide) with `tartip serve` as its
 * own process on PostgreSQL, from a load generator in a third, lean process (bench/decide.load.mjs: plain
 * node:http, a heap of a few megabytes, so that its garbage collection is not counted as server latency;
 * it reports its own GC pauses per load):
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:decide
 *
 * Two loads: (1) open loop at fixed offered rates (BENCH_RATES, default 100,200,400 decisions/s), where
 * each request's latency is counted from the moment it was due (no coordinated omission), and
 * (2) closed loop with BENCH_CONCURRENCY (16) clients sending as fast as answers come back, which
 * saturates the server: its latency is mostly queueing. Each decision is a different simulated
 * transaction; every decision writes the transaction, the alert when flagged, and its audit entry.
 * Options: BENCH_SECONDS per load (10).
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { fileURLToPath } from 'node:url';
import { bootPlatform } from '../src/app.ts';
import { loadConfig } from '../src/kernel/config.ts';
import { simulateToFiles } from '../src/modules/payments/payments.cli.ts';
import { buildToken } from '../src/testing/factories.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const rates = (process.env.BENCH_RATES ?? '100,200,400').split(',').map(Number);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
const port = 19000 + Math.floor(Math.random() * 1000);
const serverUrl = process.env.DATABASE_URL;
process.env.TARTIP_SECRET_KEY ??= randomBytes(32).toString('hex');

const here = path.dirname(fileURLToPath(import.meta.url));

/** The request bodies (one JSON per decision), only as many as the run sends. */
function bodies(dir: string, count: number): string[] {
  const file = path.join(dir, 'tx.csv');
  simulateToFiles({ accounts: 4000, days: 10, shops: 3, seed: 'decide-bench' }, file);
  const lines = fs
    .readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .slice(1, count + 1);
  return lines.map((line) => {
    const [txId, timestamp, payerAccount, payeeAccount, amount, currency, channel, payerBank, payeeBank] = line.split(',');
    return JSON.stringify({ txId, timestamp, payerAccount, payeeAccount, amount: Number(amount), currency, channel, payerBank, payeeBank });
  });
}

async function main() {
  if (!serverUrl) throw new Error('set DATABASE_URL (the target is for PostgreSQL)');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tartip-bench-decide-'));
  const name = `tartip_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  // experiment only: with BENCH_ASYNC_COMMIT=1, commits do not wait for the WAL flush (shows how much
  // of the tail is the disk's fsync); never a production setting for decisions and their audit trail
  if (process.env.BENCH_ASYNC_COMMIT === '1') await admin.query(`alter database ${name} set synchronous_commit = off`);
  await admin.end();
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  const env = { ...process.env, TARTIP_DATA_DIR: dataDir, DATABASE_URL: u.toString(), PORT: String(port), TARTIP_LOG_LEVEL: 'warn' };
  const platform = await bootPlatform(loadConfig(env));
  const token = await buildToken(platform, { organisationCode: 'AFM', permissions: ['payments.decide'] });
  await platform.close();
  // warm-up + every open-loop request + a generous closed loop (bodies are reused round-robin beyond that)
  const bodiesFile = path.join(dataDir, 'bodies.jsonl');
  fs.writeFileSync(bodiesFile, `${bodies(dataDir, 500 + rates.reduce((a, r) => a + r * seconds, 0) + 3000 * seconds).join('\n')}\n`);
  const jobFile = path.join(dataDir, 'job.json');
  fs.writeFileSync(jobFile, JSON.stringify({ port, headers: token.headers, bodiesFile, rates, seconds, concurrency }));
  const server = spawn(process.execPath, [...(process.env.BENCH_TRACE_GC ? ['--trace-gc'] : []), 'bin/tartip.mjs', 'serve'], {
    env,
    stdio: ['ignore', process.env.BENCH_TRACE_GC ? 'inherit' : 'ignore', 'inherit'],
  });
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
    const gen = spawnSync(process.execPath, [path.join(here, 'decide.load.mjs'), jobFile], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    if (gen.status !== 0) throw new Error(`load generator failed (exit ${gen.status})`);
    const r = JSON.parse(gen.stdout.trim().split('\n').pop() ?? '{}') as {
      openLoop: {
        rate: number;
        decisions: number;
        p50: number;
        p95: number;
        p99: number;
        max: number;
        sentP50: number;
        sentP99: number;
        lateP99: number;
        gcPauses: number;
        gcMaxMs: number;
      }[];
      closedLoop: { concurrency: number; rps: number; p50: number; p99: number; gcMaxMs: number };
      heapMb: number;
    };
    for (const w of r.openLoop)
      console.log(
        `open loop ${w.rate}/s: p50 ${w.p50} ms, p95 ${w.p95} ms, p99 ${w.p99} ms, max ${w.max} ms (${w.decisions} decisions)` +
          ` | from the actual send: p50 ${w.sentP50} ms, p99 ${w.sentP99} ms | generator: sent late by ≤ ${w.lateP99} ms (p99), GC max ${w.gcMaxMs} ms`,
      );
    const c = r.closedLoop;
    console.log(
      `closed loop, ${c.concurrency} clients (saturation): ${c.rps} decisions/s, p50 ${c.p50} ms, p99 ${c.p99} ms — target p99 ≤ 10 ms`,
    );
    console.log(JSON.stringify({ cores: os.cpus().length, ...r }));
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
