/**
 * `npm run bench:scan`: the full scan pipeline (JSONL parse → normalise → extract → classify → JSON
 * out) through the same streaming function as `tartip scan`, single-threaded, on ~2 KB synthetic
 * documents generated on the fly (a mix of ads, recruitment and benign posts), output to a null
 * sink. Prints documents/s and RSS at intervals to show that memory stays flat.
 * BENCH_DOCS (default 200000) sets the number of documents.
 */
import { Readable, Writable } from 'node:stream';
import { createRng } from '../src/kernel/synthetic/index.ts';
import { createScanner, scanStream } from '../src/modules/online-markets/index.ts';
import { generateCorpus } from '../src/modules/online-markets/corpus/generate.ts';

const total = Number(process.env.BENCH_DOCS ?? 200_000);
const TARGET_BYTES = 2048;
const pool = generateCorpus('bench-scan');
const rng = createRng('bench-scan-docs');

// Documents of ~2 KB: a corpus post padded with other posts of the same class.
const docs: string[] = [];
for (let i = 0; i < 2000; i++) {
  const first = rng.pick(pool);
  let text = first.text;
  while (Buffer.byteLength(text) < TARGET_BYTES) text += `\n${rng.pick(pool.filter((p) => p.label === first.label)).text}`;
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
const sink = new Writable({
  write(chunk: Buffer, _enc, cb) {
    outBytes += chunk.length;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) outLines++;
    if (outLines - lastReport >= Math.max(10_000, total / 10)) {
      lastReport = outLines;
      const s = Number(process.hrtime.bigint() - started) / 1e9;
      process.stdout.write(
        `${outLines.toLocaleString('en')} docs  ${(outLines / s).toFixed(0)} docs/s  RSS ${mb(process.memoryUsage().rss)}  heap ${mb(process.memoryUsage().heapUsed)}\n`,
      );
    }
    cb();
  },
});

process.stdout.write(`bench:scan — ${total.toLocaleString('en')} documents of ~${Math.round(avgBytes)} bytes (JSONL), one thread\n`);
const stats = await scanStream(createScanner(), input, sink);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const cpu = process.cpuUsage(cpuStart);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
process.stdout.write(
  `done: ${stats.documents.toLocaleString('en')} documents, ${stats.errors} errors in ${seconds.toFixed(1)} s = ${(stats.documents / seconds).toFixed(0)} docs/s per core (${((stats.documents * avgBytes) / seconds / 1048576).toFixed(1)} MB/s in, ${mb(outBytes)} out); RSS ${mb(process.memoryUsage().rss)}\n` +
    `CPU time ${cpuSeconds.toFixed(1)} s = ${(stats.documents / cpuSeconds).toFixed(0)} docs per CPU-second (wall-clock figures drop when other processes share the cores)\n`,
);
