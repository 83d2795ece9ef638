/**
 * bench:payments — throughput and memory of the offline drug-money scorer (`tartip payments score`).
 *
 *   npm run bench:payments                      (1 M simulated transactions)
 *   BENCH_TX=10000000 npm run bench:payments    (10 M: memory must stay bounded by active accounts)
 *   BENCH_TX=10000000 npm run bench:payments -- memory   (also prints RSS and engine state every 1 M rows)
 *   BENCH_FILE=/tmp/tx10m.csv …                 (keep/reuse the generated file between runs)
 *
 * Generates SYNTHETIC transactions with the module's simulator into a temp file, then scores them in a
 * fresh single-threaded process through the same code path as the CLI (stream parse, windowed state,
 * rules, graph), writing the results to /dev/null. Prints transactions/s per core (rows / CPU seconds)
 * and peak RSS. Figures are printed, never asserted.
 *
 *   DATABASE_URL=postgres://… npm run bench:payments-ingest   (COPY import of 1 M rows into a fresh database,
 *       BENCH_RUNS times (default 3), median printed; BENCH_CONNECTIONS lanes (default 2);
 *       BENCH_REIMPORT=1 also times a re-import of the same file, all duplicates)
 *   (decision latency through the API: npm run bench:decide, bench/decide.bench.ts)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { simulateToFiles } from '../src/modules/payments/payments.cli.ts';
import { scoreFile } from '../src/modules/payments/payments.score.ts';
import { importTransactionsFile } from '../src/modules/payments/payments.import.ts';
import { systemCtx } from '../src/testing/factories.ts';
import { createTestPlatform } from '../src/testing/test-platform.ts';
import { sql } from 'kysely';

const self = fileURLToPath(import.meta.url);

async function child(file: string, isMemory: boolean): Promise<void> {
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  const every = 1_000_000;
  const s = await scoreFile(
    { transactions: file, output: '/dev/null' },
    () => undefined,
    isMemory
      ? {
          every,
          onRows: (rows, engine) => {
            const st = engine.stats();
            const mem = process.memoryUsage();
            process.stderr.write(
              `  ${rows / every}M rows: RSS ${Math.round(mem.rss / 1e6)} MB, heap ${Math.round(mem.heapUsed / 1e6)} MB, arrays ${Math.round(mem.arrayBuffers / 1e6)} MB; accounts ${st.accounts}, windows ${st.activeWindows}, edges ${st.edges} (${st.evictedEdges} evicted)\n`,
            );
          },
        }
      : undefined,
  );
  const cpu = process.cpuUsage(cpu0);
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const u = process.resourceUsage();
  process.stdout.write(
    `${JSON.stringify({ rows: s.rows, accounts: s.accounts, flagged: s.flagged, edges: s.stats.edges, wall, cpu: (cpu.user + cpu.system) / 1e6, maxRssMb: u.maxRSS / 1024 })}\n`,
  );
}

async function main(isMemory: boolean): Promise<void> {
  const target = Number(process.env.BENCH_TX ?? 1_000_000);
  const accounts = Math.max(1000, Math.round(target / 61));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tartip-bench-payments-'));
  const file = process.env.BENCH_FILE ?? path.join(dir, 'tx.csv');
  try {
    if (!fs.existsSync(file)) {
      const g0 = Date.now();
      const sim = simulateToFiles({ accounts, days: 30, shops: Math.max(3, Math.round(accounts / 2000)), seed: 'bench' }, file);
      const size = fs.statSync(file).size;
      console.log(
        `generated ${sim.rows} SYNTHETIC transactions (${(size / 1e6).toFixed(0)} MB, ${accounts} accounts) in ${((Date.now() - g0) / 1000).toFixed(1)} s`,
      );
    } else console.log(`reusing ${file} (${(fs.statSync(file).size / 1e6).toFixed(0)} MB)`);
    const args = ['--import', 'tsx', self, '--child', file, ...(isMemory ? ['memory'] : [])];
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 20, stdio: ['ignore', 'pipe', 'inherit'] });
    if (r.status !== 0) throw new Error(`scoring failed (exit ${r.status})`);
    const m = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as {
      rows: number;
      accounts: number;
      flagged: number;
      edges: number;
      wall: number;
      cpu: number;
      maxRssMb: number;
    };
    console.log(`scored ${m.rows} rows → ${m.accounts} accounts (${m.flagged} flagged), ${m.edges} aggregated edges`);
    console.log(`wall ${m.wall.toFixed(1)} s, CPU ${m.cpu.toFixed(1)} s (single-threaded)`);
    console.log(
      `throughput: ${Math.round(m.rows / m.cpu).toLocaleString('en')} tx/s per core (${Math.round(m.rows / m.wall).toLocaleString('en')} tx/s wall; target ≥ 50,000)`,
    );
    console.log(`peak RSS of the scoring process: ${m.maxRssMb.toFixed(0)} MB`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** One COPY import of `file` into a fresh database, in its own process (as the CLI runs it). */
async function ingestChild(file: string): Promise<void> {
  const p = await createTestPlatform();
  try {
    if (process.env.BENCH_WITHOUT_ACCOUNT_INDEXES === '1') {
      // experiment only: how much of the load time the by-account index (network view) costs
      await sql`drop index pay_transactions_parties_gin`.execute(p.db);
      process.stderr.write('EXPERIMENT: by-account index dropped for this run\n');
    }
    const connections = Number(process.env.BENCH_CONNECTIONS ?? 2);
    const cpu0 = process.cpuUsage();
    const s = await importTransactionsFile(p, systemCtx, file, { log: () => undefined, connections });
    const cpu = process.cpuUsage(cpu0);
    let again: number | undefined;
    if (process.env.BENCH_REIMPORT === '1') {
      const t1 = Date.now();
      const r = await importTransactionsFile(p, systemCtx, file, { log: () => undefined });
      if (r.duplicates !== s.rows) throw new Error(`re-import found ${r.duplicates} duplicates, expected ${s.rows}`);
      again = (Date.now() - t1) / 1000;
    }
    process.stdout.write(
      `${JSON.stringify({ engine: p.engine, rows: s.rows, inserted: s.inserted, chunks: s.chunks, seconds: s.seconds, dbSeconds: s.dbSeconds, nodeCpu: (cpu.user + cpu.system) / 1e6, again })}\n`,
    );
  } finally {
    await p.close();
  }
}

/**
 * COPY ingest rate: simulated rows into a fresh database (PostgreSQL when DATABASE_URL is set), BENCH_RUNS
 * times (default 3), each in a fresh process and database; prints every run and the median, since a
 * shared machine's figure moves from run to run.
 */
async function ingest(): Promise<void> {
  const target = Number(process.env.BENCH_TX ?? 1_000_000);
  const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tartip-bench-ingest-'));
  const file = path.join(dir, 'tx.csv');
  try {
    const accounts = Math.max(1000, Math.round(target / 61));
    const sim = simulateToFiles({ accounts, days: 30, shops: Math.max(3, Math.round(accounts / 2000)), seed: 'bench' }, file);
    console.log(`generated ${sim.rows} SYNTHETIC transactions (${(fs.statSync(file).size / 1e6).toFixed(0)} MB)`);
    const rates: number[] = [];
    for (let i = 1; i <= runs; i++) {
      const r = spawnSync(process.execPath, ['--import', 'tsx', self, '--ingest-child', file], {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      if (r.status !== 0) throw new Error(`import failed (exit ${r.status})`);
      const m = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as {
        engine: string;
        rows: number;
        inserted: number;
        chunks: number;
        seconds: number;
        dbSeconds: number;
        nodeCpu: number;
        again?: number;
      };
      const rate = m.rows / m.seconds;
      rates.push(rate);
      console.log(
        `run ${i} (${m.engine}): ${m.inserted} stored in ${m.chunks} chunks, ${m.seconds.toFixed(1)} s → ${Math.round(rate).toLocaleString('en')} tx/s` +
          ` (database lanes ${m.dbSeconds.toFixed(1)} s, importer CPU ${m.nodeCpu.toFixed(1)} s)` +
          (m.again === undefined ? '' : `; re-import of the same file (all duplicates) ${m.again.toFixed(1)} s`),
      );
    }
    const sorted = [...rates].sort((a, b) => a - b);
    const median = sorted[Math.floor((sorted.length - 1) / 2)] as number;
    console.log(
      `COPY ingest: median ${Math.round(median).toLocaleString('en')} tx/s over ${runs} run(s), range ${Math.round(sorted[0] as number).toLocaleString('en')}–${Math.round(sorted[sorted.length - 1] as number).toLocaleString('en')} (target ≥ 100,000)`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') await child(process.argv[3] as string, process.argv[4] === 'memory');
else if (process.argv[2] === '--ingest-child') await ingestChild(process.argv[3] as string);
else if (process.argv[2] === 'ingest') await ingest();
else await main(process.argv[2] === 'memory');
