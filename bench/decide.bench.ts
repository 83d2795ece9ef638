/**
 * bench:decide — latency of one real-time decision (POST /api/payments/decide) with `tartip serve` as its
 * own process on PostgreSQL, from a load generator in this process:
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
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import http from 'node:http';
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

const pct = (sorted: number[], q: number) => (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN).toFixed(2);

function bodies(dir: string): string[] {
  const file = path.join(dir, 'tx.csv');
  simulateToFiles({ accounts: 4000, days: 10, shops: 3, seed: 'decide-bench' }, file);
  return fs
    .readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [txId, timestamp, payerAccount, payeeAccount, amount, currency, channel, payerBank, payeeBank] = line.split(',');
      return JSON.stringify({
        txId,
        timestamp,
        payerAccount,
        payeeAccount,
        amount: Number(amount),
        currency,
        channel,
        payerBank,
        payeeBank,
      });
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
  const all = bodies(dataDir);
  const server = spawn(process.execPath, [...(process.env.BENCH_TRACE_GC ? ['--trace-gc'] : []), 'bin/tartip.mjs', 'serve'], {
    env,
    stdio: ['ignore', process.env.BENCH_TRACE_GC ? 'inherit' : 'ignore', 'inherit'],
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  let next = 0;
  const send = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const body = all[next++ % all.length] as string;
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path: '/api/payments/decide',
          method: 'POST',
          agent,
          headers: { ...token.headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`decide answered ${res.statusCode}`))));
        },
      );
      req.on('error', reject);
      req.end(body);
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
    for (let i = 0; i < 500; i++) await send(); // warm-up: JIT, prepared statements, the live engine
    const figures: Record<string, unknown>[] = [];
    for (const rate of rates) {
      const lat: number[] = [];
      const start = performance.now();
      const total = rate * seconds;
      const pending: Promise<void>[] = [];
      for (let i = 0; i < total; i++) {
        const due = start + (i * 1000) / rate;
        const wait = due - performance.now();
        if (wait > 1) await new Promise((r) => setTimeout(r, wait));
        pending.push(send().then(() => void lat.push(performance.now() - due)));
      }
      await Promise.all(pending);
      lat.sort((a, b) => a - b);
      const row = {
        load: `open loop ${rate}/s`,
        decisions: lat.length,
        p50: pct(lat, 0.5),
        p95: pct(lat, 0.95),
        p99: pct(lat, 0.99),
        max: pct(lat, 1),
      };
      figures.push(row);
      console.log(
        `open loop ${rate}/s: p50 ${row.p50} ms, p95 ${row.p95} ms, p99 ${row.p99} ms, max ${row.max} ms (${lat.length} decisions)`,
      );
    }
    const lat: number[] = [];
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() - t0 < seconds * 1000) {
          const s = performance.now();
          await send();
          lat.push(performance.now() - s);
        }
      }),
    );
    const rps = Math.round(lat.length / ((performance.now() - t0) / 1000));
    lat.sort((a, b) => a - b);
    console.log(
      `closed loop, ${concurrency} clients (saturation): ${rps} decisions/s, p50 ${pct(lat, 0.5)} ms, p99 ${pct(lat, 0.99)} ms — target p99 ≤ 10 ms`,
    );
    console.log(
      JSON.stringify({
        cores: os.cpus().length,
        openLoop: figures,
        closedLoop: { concurrency, rps, p50: pct(lat, 0.5), p99: pct(lat, 0.99) },
      }),
    );
  } finally {
    agent.destroy();
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
