/**
 * `npm run bench:scan`: the full scan pipeline (JSONL parse → normalise → extract → classify → JSON
 * out) through the same streaming function as `tartip scan`, single-threaded, on ~2 KB synthetic
 * documents generated on the fly (a mix of ads, recruitment and benign posts), output to a null
 * sink. The headline figure is documents per CPU-second of this one process (user + system time
 * from process.cpuUsage, which also counts its GC and helper threads): on a shared machine wall
 * time measures the neighbours as much as the scanner. Prints RSS and heap at 100k, 500k, 1M… and
 * every tenth of the run, to show that memory stays flat.
 * BENCH_DOCS (default 200000) sets the number of documents.
 */
import { Readable, Writable } from 'node:stream';
import v8 from 'node:v8';
import vm from 'node:vm';
import { createRng } from '../src/kernel/synthetic/index.ts';
// the pipeline's own files, not the module's index (which also loads the workflow, database and feed code)
import { createScanner } from '../src/modules/online-markets/scan.ts';
import { SCAN_FULL_GC_EVERY, scanStream } from '../src/modules/online-markets/scan-stream.ts';
import { generateCorpus } from '../src/modules/online-markets/corpus/generate.ts';

const total = Number(process.env.BENCH_DOCS ?? 200_000);
const TARGET_BYTES = 2048;
const pool = generateCorpus('bench-scan');
const rng = createRng('bench-scan-docs');

// Documents of ~2 KB: a corpus post padded with other posts of the same class.
const byLabel = new Map<string, typeof pool>();
for (const p of pool) byLabel.set(p.label, [...(byLabel.get(p.label) ?? []), p]);
const docs: string[] = [];
for (let i = 0; i < 2000; i++) {
  const first = rng.pick(pool);
  let text = first.text;
  while (Buffer.byteLength(text) < TARGET_BYTES) text += `\n${rng.pick(byLabel.get(first.label)!).text}`;
  docs.push(JSON.stringify({ id: `bench-${i}`, text: text.slice(0, 1400) }) + '\n');
}
const avgBytes = docs.reduce((s, d) => s + Buffer.byteLength(d), 0) / docs.length;

// The input as bytes, like a file read: all documents in one buffer, handed out 64 lines at a time
// (no copying), so that the bench measures the scanner rather than building its input.
const all = Buffer.from(docs.join(''));
const offsets: number[] = [0];
for (const d of docs) offsets.push(offsets[offsets.length - 1]! + Buffer.byteLength(d));
let produced = 0;
const input = new Readable({
  read() {
    if (produced >= total) {
      this.push(null);
      return;
    }
    const at = produced % docs.length;
    const n = Math.min(64, total - produced, docs.length - at);
    produced += n;
    this.push(all.subarray(offsets[at]!, offsets[at + n]!));
  },
});
let outBytes = 0;
let outLines = 0;
const started = process.hrtime.bigint();
const cpuStart = process.cpuUsage();
let lastReport = 0;
const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;
const step = Math.max(10_000, Math.round(total / 10));
const marks = new Set([100_000, 500_000, 1_000_000, 2_000_000, 5_000_000]);
let nextMark = step;
// CPU time spent in the bench's own full collections (below), left out of the figures
let gcSeconds = 0;
const cpuSecondsSince = (u: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(u);
  return (d.user + d.system) / 1e6 - gcSeconds;
};
// A full collection before each memory report, so that "live" is what the process keeps (the heap
// in use at a random moment also holds garbage that the next collection frees).
v8.setFlagsFromString('--expose-gc');
const fullGc = vm.runInNewContext('gc') as () => void;
function liveHeap(): number {
  const before = process.cpuUsage();
  fullGc();
  const d = process.cpuUsage(before);
  gcSeconds += (d.user + d.system) / 1e6;
  return process.memoryUsage().heapUsed;
}
// The scanner writes strings; keep them strings (no conversion to Buffer in the sink).
const sink = new Writable({
  decodeStrings: false,
  write(chunk: string | Buffer, _enc, cb) {
    outBytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    for (let i = chunk.indexOf('\n'); i !== -1; i = chunk.indexOf('\n', i + 1)) outLines++;
    if (outLines >= nextMark || [...marks].some((m) => lastReport < m && outLines >= m)) {
      lastReport = outLines;
      while (nextMark <= outLines) nextMark += step;
      const cpu = cpuSecondsSince(cpuStart);
      const live = liveHeap();
      const m = process.memoryUsage();
      process.stdout.write(
        `${outLines.toLocaleString('en')} docs  ${(outLines / cpu).toFixed(0)} docs/CPU-s  RSS ${mb(m.rss)}  live heap ${mb(live)} (of ${mb(m.heapTotal)})  external ${mb(m.external)}\n`,
      );
    }
    cb();
  },
});

process.stdout.write(`bench:scan — ${total.toLocaleString('en')} documents of ~${Math.round(avgBytes)} bytes (JSONL), one thread\n`);
// as `tartip scan` runs it (its periodic full collections count in the CPU time)
const stats = await scanStream(createScanner(), input, sink, { fullGcEvery: SCAN_FULL_GC_EVERY });
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const cpuSeconds = cpuSecondsSince(cpuStart);
process.stdout.write(
  `done: ${stats.documents.toLocaleString('en')} documents, ${stats.errors} errors; CPU time ${cpuSeconds.toFixed(1)} s = ` +
    `${(stats.documents / cpuSeconds).toFixed(0)} docs/s per core (docs per CPU-second, one thread; ${((stats.documents * avgBytes) / cpuSeconds / 1048576).toFixed(1)} MB per CPU-second in, ${mb(outBytes)} out); RSS ${mb(process.memoryUsage().rss)}\n` +
    `wall time ${seconds.toFixed(1)} s = ${(stats.documents / seconds).toFixed(0)} docs/s (drops when other processes share the cores)\n`,
);
