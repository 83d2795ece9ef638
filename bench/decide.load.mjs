// The load generator of bench:decide, as its own lean process (plain JavaScript, node:http only): its
// heap stays a few megabytes, so its garbage collection does not show up as server latency. Reads a
// JSON job from argv[2]: { port, headers, bodiesFile, rates, seconds, concurrency }; bodiesFile holds one
// JSON request body per line. Prints one JSON line with the figures, including its own GC pauses.
import fs from 'node:fs';
import http from 'node:http';
import { PerformanceObserver } from 'node:perf_hooks';

const job = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const all = fs
  .readFileSync(job.bodiesFile, 'utf8')
  .split('\n')
  .filter((l) => l.length > 0)
  .map((l) => Buffer.from(l));
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
let gcPauses = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcPauses.push(e.duration);
}).observe({ entryTypes: ['gc'] });

let next = 0;
const send = () =>
  new Promise((resolve, reject) => {
    const body = all[next++ % all.length];
    const req = http.request(
      {
        host: '127.0.0.1',
        port: job.port,
        path: '/api/payments/decide',
        method: 'POST',
        agent,
        headers: { ...job.headers, 'content-type': 'application/json', 'content-length': body.length },
      },
      (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`decide answered ${res.statusCode}`))));
      },
    );
    req.on('error', reject);
    req.end(body);
  });

const pct = (sorted, q) => Number((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN).toFixed(2));
const gcSummary = () => {
  const g = gcPauses;
  gcPauses = [];
  return { gcPauses: g.length, gcMaxMs: Number(Math.max(0, ...g).toFixed(2)) };
};

for (let i = 0; i < 500; i++) await send(); // warm-up: JIT, prepared statements, the live engine
const openLoop = [];
for (const rate of job.rates) {
  gcSummary();
  const lat = [];
  const service = [];
  const lateness = [];
  const start = performance.now();
  const total = rate * job.seconds;
  const pending = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    // latency counts from when the request was due (no coordinated omission)
    // and, apart, from when it was actually sent (what the server and the network took; the difference
    // is this process sending late on a busy machine)
    const sent = performance.now();
    lateness.push(sent - due);
    pending.push(
      send().then(() => {
        const now = performance.now();
        lat.push(now - due);
        service.push(now - sent);
      }),
    );
  }
  await Promise.all(pending);
  lat.sort((a, b) => a - b);
  service.sort((a, b) => a - b);
  lateness.sort((a, b) => a - b);
  openLoop.push({
    rate,
    decisions: lat.length,
    p50: pct(lat, 0.5),
    p95: pct(lat, 0.95),
    p99: pct(lat, 0.99),
    max: pct(lat, 1),
    sentP50: pct(service, 0.5),
    sentP99: pct(service, 0.99),
    lateP99: pct(lateness, 0.99),
    ...gcSummary(),
  });
}
const lat = [];
const t0 = performance.now();
await Promise.all(
  Array.from({ length: job.concurrency }, async () => {
    while (performance.now() - t0 < job.seconds * 1000) {
      const s = performance.now();
      await send();
      lat.push(performance.now() - s);
    }
  }),
);
const rps = Math.round(lat.length / ((performance.now() - t0) / 1000));
lat.sort((a, b) => a - b);
const closedLoop = { concurrency: job.concurrency, rps, p50: pct(lat, 0.5), p99: pct(lat, 0.99), ...gcSummary() };
agent.destroy();
process.stdout.write(`${JSON.stringify({ openLoop, closedLoop, heapMb: Math.round(process.memoryUsage().heapUsed / 1e6) })}\n`);
