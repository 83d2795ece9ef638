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
import { HolderLinks } from './engine/links.ts';
import { alertWriter } from './payments.alerts.ts';
import { connectNats, PartitionWorker, partitionOf, publishFile, type Topology } from './payments.nats.ts';
import { splitDropCsv } from './testing.ts';
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

test('with the KYC link feed, a holder’s phone and card share a partition and are scored as one drop by the workers', async (t) => {
  if (!nc) return t.skip(unreachable);
  const topo3: Topology = { stream: `${topo.stream}_L`, prefix: `${topo.prefix}l` };
  const PHONE = '+77019998877';
  const CARD = '4400 1111 2222 3333';
  const file = path.join(dir, 'tx-links.csv');
  fs.writeFileSync(
    file,
    splitDropCsv({ prefix: 'NL', phone: PHONE, card: CARD, day: 21, payers: '+7707000', recipient: '4111222233335555' }),
  );
  const codec = new IdentifierCodec(createSecrets(randomBytes(32)));
  const feed = [
    { account: codec.engineId(PHONE), holder: 'h1' },
    { account: codec.engineId(CARD), holder: 'h1' },
  ];
  const parts = 4;
  await publishFile(nc, file, codec, parts, () => undefined, topo3, new HolderLinks(feed, false));
  const home = partitionOf(new HolderLinks(feed).entity(codec.engineId(PHONE)), parts);
  const alerts = new Map<string, { account: string; score: number }>();
  const run = async (links: HolderLinks | undefined) => {
    const w = new PartitionWorker(home, parts, [], topo3, 1000, links);
    Object.defineProperty(w, 'durable', { value: `${topo3.prefix}-${links ? 'linked' : 'plain'}` });
    await w.replay(nc as NatsConnection);
    await w.run(nc as NatsConnection, {
      idleMs: 1500,
      onAlert: async (r, hash) => void (links && alerts.set(hash, { account: r.account, score: r.score })),
    });
    return w;
  };
  const linked = await run(new HolderLinks(feed));
  const results = new Map(linked.results().map((r) => [r.account, r]));
  const phone = results.get(codec.engineId(PHONE));
  const card = results.get(codec.engineId(CARD));
  assert.ok(phone && card, 'both accounts reported, one line each, by the holder’s partition');
  assert.equal(card.score, phone.score, 'the card answers with its holder’s verdict');
  assert.ok(
    phone.reasons.some((x) => x.includes('forwarded')) && phone.reasons.some((x) => x.includes('linked account')),
    phone.reasons.join('; '),
  );
  // live alerts: each of the holder's accounts gets its own, labelled with the account, not the holder
  assert.deepEqual([...alerts.keys()].sort(), [codec.hashOf(PHONE), codec.hashOf(CARD)].sort());
  assert.equal(alerts.get(codec.hashOf(CARD))?.account, codec.engineId(CARD));
  // the same partition without the feed sees only the phone receiving: it scores lower, and is no drop
  const plain = await run(undefined);
  const alone = plain.results().find((r) => r.account === codec.engineId(PHONE));
  assert.ok((alone?.score ?? 0) < phone.score, `alone ${alone?.score} < linked ${phone.score}`);
  await (await nc.jetstreamManager()).streams.delete(topo3.stream).catch(() => undefined);
});
