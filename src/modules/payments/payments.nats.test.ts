import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { NatsConnection } from 'nats';
import { createSecrets } from '../../kernel/secrets.ts';
import { simulateToFiles } from './payments.cli.ts';
import { IdentifierCodec } from './payments.identifiers.ts';
import { alertWriter, connectNats, PartitionWorker, publishFile, type Topology } from './payments.nats.ts';
import { createTestPlatform } from '../../testing/test-platform.ts';

const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
let nc: NatsConnection | undefined;
let unreachable = '';
const id = randomBytes(4).toString('hex');
const topo: Topology = { stream: `PAYMENTS_T${id}`, prefix: `paytest${id}` };
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tartip-pay-nats-'));

before(async () => {
  try {
    nc = await connectNats(NATS_URL);
    await nc.jetstreamManager();
  } catch (e) {
    unreachable = `NATS JetStream not reachable at ${NATS_URL} (${(e as Error).message}): skipped — CI runs it`;
  }
});
after(async () => {
  if (nc) {
    await (await nc.jetstreamManager()).streams.delete(topo.stream).catch(() => undefined);
    await nc.close();
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a killed partition worker resumes from its durable consumer without double counting', async (t) => {
  if (!nc) return t.skip(unreachable);
  const file = path.join(dir, 'tx.csv');
  const sim = simulateToFiles({ accounts: 200, days: 4, shops: 1, seed: 'nats' }, file);
  const codec = new IdentifierCodec(createSecrets(randomBytes(32)));
  const pub = await publishFile(nc, file, codec, 2, () => undefined, topo);
  assert.equal(pub.rows, sim.rows);
  const inPartition0 =
    (await (await nc.jetstreamManager()).streams.getMessage(topo.stream, { last_by_subj: `${topo.prefix}.tx.0` })).seq > 0;
  assert.ok(inPartition0);

  // worker A applies some messages, then "dies" (stops mid-batch; unacked ones are redelivered)
  const a = new PartitionWorker(0, 2, [], topo, 1000);
  await a.replay(nc);
  const stop = new AbortController();
  let n = 0;
  await a.run(nc, { signal: stop.signal, onApplied: () => ++n >= 150 && stop.abort() });
  assert.ok(a.stats.applied >= 150);

  // worker B starts fresh: rebuilds up to the ack floor, then consumes the rest
  await new Promise((r) => setTimeout(r, 1200));
  const b = new PartitionWorker(0, 2, [], topo, 1000);
  await b.replay(nc);
  await b.run(nc, { idleMs: 1500 });

  // reference: one uninterrupted worker over the whole partition
  const ref = new PartitionWorker(0, 2, [], { ...topo, prefix: topo.prefix }, 1000);
  Object.defineProperty(ref, 'durable', { value: `${topo.prefix}-reference` });
  await ref.replay(nc);
  await ref.run(nc, { idleMs: 1500 });
  assert.equal(b.stats.replayed + b.stats.applied, ref.stats.applied, 'each message of the partition counted once');
  const key = (r: { account: string; score: number; flag: boolean }) => `${r.account}:${r.score}:${r.flag}`;
  assert.deepEqual(b.results().map(key).sort(), ref.results().map(key).sort());

  // republishing the same file adds nothing (JetStream de-duplication by tx id and partition)
  await publishFile(nc, file, codec, 2, () => undefined, topo);
  await b.run(nc, { idleMs: 1000 });
  assert.equal(b.stats.applied + b.stats.replayed, ref.stats.applied);
  assert.ok(!fs.readFileSync(file, 'utf8').split('\n')[1]?.includes(JSON.stringify(b.results()).slice(0, 20)));
});

test('workers raise alerts into pay_alerts as accounts cross the threshold; a killed worker neither loses nor doubles them', async (t) => {
  if (!nc) return t.skip(unreachable);
  const p = await createTestPlatform();
  try {
    const topo2: Topology = { stream: `${topo.stream}_A`, prefix: `${topo.prefix}a` };
    const file = path.join(dir, 'tx-alerts.csv');
    simulateToFiles({ accounts: 300, days: 4, shops: 2, seed: 'nats-alerts' }, file);
    const codec = new IdentifierCodec(p.secrets);
    await publishFile(nc, file, codec, 1, () => undefined, topo2);
    // reference: one uninterrupted worker, alerts collected in memory
    const refAlerts = new Map<string, number>();
    const ref = new PartitionWorker(0, 1, [], topo2, 1000);
    Object.defineProperty(ref, 'durable', { value: `${topo2.prefix}-reference` });
    await ref.replay(nc);
    await ref.run(nc, { idleMs: 1500, onAlert: async (r, hash) => void refAlerts.set(hash, r.score) });
    assert.ok(refAlerts.size > 0, 'drops are flagged live');
    // worker A writes alerts to the database, dies mid-stream; B resumes
    const sink = alertWriter(p);
    const a = new PartitionWorker(0, 1, [], topo2, 1000);
    await a.replay(nc);
    const stop = new AbortController();
    let n = 0;
    await a.run(nc, { signal: stop.signal, onAlert: sink, onApplied: () => ++n >= 2500 && stop.abort() });
    await new Promise((r) => setTimeout(r, 1200));
    const b = new PartitionWorker(0, 1, [], topo2, 1000);
    await b.replay(nc);
    await b.run(nc, { idleMs: 1500, onAlert: sink });
    const rows = await p.db.selectFrom('pay_alerts').select(['account_hash', 'score', 'account_label', 'reasons']).execute();
    assert.deepEqual(rows.map((r) => r.account_hash).sort(), [...refAlerts.keys()].sort(), 'the same accounts, one alert each');
    for (const r of rows) assert.ok(Math.abs(Number(r.score) - (refAlerts.get(r.account_hash) as number)) < 1e-6, 'highest score kept');
    assert.ok(!JSON.stringify(rows).match(/[a-p]{24}:/), 'pseudonyms are masked in labels and reasons');
    const audits = await p.db.selectFrom('audit_log').select('action').where('action', '=', 'payment_alert.raise').execute();
    assert.equal(audits.length, a.stats.alerts + b.stats.alerts);
    await (await nc.jetstreamManager()).streams.delete(topo2.stream).catch(() => undefined);
  } finally {
    await p.close();
  }
});
