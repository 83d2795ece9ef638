import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { createTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import { SYSTEM_ACTOR } from '../access/actor.ts';
import { recordAudit, verifyAuditChain } from './audit.ts';
import { AuditSealer, insertPendingAudit, sealPendingAudit } from './pending.ts';

let p: TestPlatform;
before(async () => {
  p = await createTestPlatform();
});
after(() => p.close());

const ctx = { actor: { ...SYSTEM_ACTOR, username: 'machine' }, requestId: 'rq' };
const event = (i: number) => ({ action: 'test.decide' as const, resourceType: 'thing', resourceId: `d${i}`, details: { i } });
const pendingCount = async () =>
  Number(
    (
      await p.db
        .selectFrom('audit_pending')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const chained = async (action: string) =>
  p.db.selectFrom('audit_log').select(['seq', 'resource_id', 'at', 'request_id']).where('action', '=', action).orderBy('seq').execute();

test('deferred entries are chained in order by the sealer, keep their time, and the chain verifies', async () => {
  const before = new Date();
  for (let i = 0; i < 5; i++) await p.db.transaction().execute((tx) => insertPendingAudit(tx, ctx, event(i)));
  await p.db.transaction().execute((tx) => recordAudit(tx, ctx, { action: 'test.direct', resourceType: 'thing' }));
  assert.equal((await chained('test.decide')).length, 0, 'not chained before sealing');
  assert.equal(await sealPendingAudit(p.db), 5);
  const rows = await chained('test.decide');
  assert.deepEqual(
    rows.map((r) => r.resource_id),
    ['d0', 'd1', 'd2', 'd3', 'd4'],
  );
  assert.ok(rows.every((r) => new Date(r.at) >= new Date(before.getTime() - 1000) && r.request_id === 'rq'));
  assert.equal(await pendingCount(), 0);
  assert.equal((await verifyAuditChain(p.db)).ok, true);
  assert.equal(await sealPendingAudit(p.db), 0, 'nothing sealed twice');
});

test('an entry whose transaction rolls back is never chained', async () => {
  await assert.rejects(
    p.db.transaction().execute(async (tx) => {
      await insertPendingAudit(tx, ctx, event(99));
      throw new Error('decision failed');
    }),
  );
  await sealPendingAudit(p.db);
  assert.equal((await chained('test.decide')).filter((r) => r.resource_id === 'd99').length, 0);
});

test('pending entries cannot be edited or removed outside sealing', async () => {
  await p.db.transaction().execute((tx) => insertPendingAudit(tx, ctx, event(50)));
  await assert.rejects(sql`update audit_pending set action = 'x.y'`.execute(p.db), /not allowed/);
  await assert.rejects(sql`delete from audit_pending`.execute(p.db), /not allowed/);
  await assert.rejects(sql`truncate audit_pending`.execute(p.db), /not allowed/);
  assert.equal(await pendingCount(), 1);
  await sealPendingAudit(p.db);
});

test('concurrent sealers and writers chain every entry exactly once; batches larger than one seal', async () => {
  const sealer = new AuditSealer(p.db, 5);
  const writes = Array.from({ length: 60 }, (_, i) =>
    p.db.transaction().execute((tx) => sealer.record(tx, ctx, { ...event(1000 + i), action: 'test.burst' })),
  );
  const seals = [sealPendingAudit(p.db, 7), sealPendingAudit(p.db, 7), sealer.flush()];
  await Promise.all([...writes, ...seals]);
  await sealer.stop();
  const rows = await chained('test.burst');
  assert.equal(rows.length, 60);
  assert.equal(new Set(rows.map((r) => r.resource_id)).size, 60);
  assert.equal(await pendingCount(), 0);
  assert.equal((await verifyAuditChain(p.db)).ok, true);
});

test('the platform sealer chains a recorded entry without being asked', async () => {
  await p.db.transaction().execute((tx) => p.audit.record(tx, ctx, { ...event(7), action: 'test.timer' }));
  for (let i = 0; i < 100 && (await chained('test.timer')).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
  assert.equal((await chained('test.timer')).length, 1);
});
