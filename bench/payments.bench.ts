/**
 * bench:payments — throughput and memory of the offline drug-money scorer (`tartip payments score`).
 *
 *   npm run bench:payments                      (1 M simulated transactions)
 *   BENCH_TX=10000000 npm run bench:payments    (10 M: memory must stay bounded by active accounts)
 *
 * Generates SYNTHETIC transactions with the module's simulator into a temp file, then scores them in a
 * fresh single-threaded process through the same code path as the CLI (stream parse, windowed state,
 * rules, graph), writing the results to /dev/null. Prints transactions/s per core (rows / CPU seconds)
 * and peak RSS. Figures are printed, never asserted.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { simulateToFiles } from '../src/modules/payments/payments.cli.ts';
import { scoreFile } from '../src/modules/payments/payments.score.ts';

const self = fileURLToPath(import.meta.url);

async function child(file: string): Promise<void> {
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  const s = await scoreFile({ transactions: file, output: '/dev/null' }, () => undefined);
  const cpu = process.cpuUsage(cpu0);
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const u = process.resourceUsage();
  process.stdout.write(
    `${JSON.stringify({ rows: s.rows, accounts: s.accounts, flagged: s.flagged, edges: s.stats.edges, wall, cpu: (cpu.user + cpu.system) / 1e6, maxRssMb: u.maxRSS / 1024 })}\n`,
  );
}

async function main(): Promise<void> {
  const target = Number(process.env.BENCH_TX ?? 1_000_000);
  const accounts = Math.max(1000, Math.round(target / 61));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tartip-bench-payments-'));
  const file = path.join(dir, 'tx.csv');
  try {
    const g0 = Date.now();
    const sim = simulateToFiles({ accounts, days: 30, shops: Math.max(3, Math.round(accounts / 2000)), seed: 'bench' }, file);
    const size = fs.statSync(file).size;
    console.log(
      `generated ${sim.rows} SYNTHETIC transactions (${(size / 1e6).toFixed(0)} MB, ${accounts} accounts) in ${((Date.now() - g0) / 1000).toFixed(1)} s`,
    );
    const r = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', file], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (r.status !== 0) throw new Error(`scoring failed: ${r.stderr}`);
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

if (process.argv[2] === '--child') await child(process.argv[3] as string);
else await main();
