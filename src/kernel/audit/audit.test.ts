import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { createTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import { SYSTEM_ACTOR } from '../access/actor.ts';
import { recordAudit, verifyAuditChain } from './audit.ts';

let p: TestPlatform;
before(async () => {
  p = await createTestPlatform();
});
after(() => p.close());

const ctx = { actor: { ...SYSTEM_ACTOR, username: 'tester' }, requestId: 'r1' };

async function writeEntries(n: number) {
  for (let i = 0; i < n; i++) {
    await p.db.transaction().execute((tx) =>
      recordAudit(tx, ctx, {
        action: 'test.write',
        resourceType: 'thing',
        resourceId: String(i),
        details: { i, nested: { b: 2, a: [1, 'x'] } },
      }),
    );
  }
}

/** Tampering needs the append-only triggers off, as a database superuser could do. */
async function tamper(statement: ReturnType<typeof sql>) {
  await sql`alter table audit_log disable trigger user`.execute(p.db);
  try {
    await statement.execute(p.db);
  } finally {
    await sql`alter table audit_log enable trigger user`.execute(p.db);
  }
}

test('entries chain and verify', async () => {
  await writeEntries(6);
  const r = await verifyAuditChain(p.db);
  assert.equal(r.ok, true);
  assert.equal(r.checked, 6);
  assert.equal(r.head?.seq, 6);
  const rows = await p.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
  for (let i = 1; i < rows.length; i++) assert.equal(rows[i]?.prev_hash, rows[i - 1]?.hash);
});

test('the database refuses UPDATE, DELETE and TRUNCATE on the trail', async () => {
  await assert.rejects(sql`update audit_log set action = 'x' where seq = 1`.execute(p.db), /append-only/);
  await assert.rejects(sql`delete from audit_log where seq = 1`.execute(p.db), /append-only/);
  await assert.rejects(sql`truncate audit_log`.execute(p.db), /append-only/);
  assert.equal((await verifyAuditChain(p.db)).ok, true);
});

test('a rolled-back transaction leaves no audit entry', async () => {
  const before = (await verifyAuditChain(p.db)).checked;
  await assert.rejects(
    p.db.transaction().execute(async (tx) => {
      await recordAudit(tx, ctx, { action: 'test.write', resourceType: 'thing' });
      throw new Error('boom');
    }),
    /boom/,
  );
  const r = await verifyAuditChain(p.db);
  assert.equal(r.ok, true);
  assert.equal(r.checked, before);
});

test('an edited entry is named', async () => {
  await tamper(sql`update audit_log set details = '{"i": 99}'::jsonb where seq = 3`);
  const r = await verifyAuditChain(p.db);
  assert.equal(r.ok, false);
  assert.equal(r.firstBroken?.seq, 3);
  assert.match(r.firstBroken?.reason ?? '', /edited/);
  assert.equal(r.checked, 2);
});

test('a deleted entry is named', async () => {
  const q = await createTestPlatform();
  try {
    for (let i = 0; i < 5; i++)
      await q.db
        .transaction()
        .execute((tx) => recordAudit(tx, ctx, { action: 'test.write', resourceType: 'thing', resourceId: String(i) }));
    await sql`alter table audit_log disable trigger user`.execute(q.db);
    await sql`delete from audit_log where seq = 4`.execute(q.db);
    const r = await verifyAuditChain(q.db);
    assert.equal(r.ok, false);
    assert.equal(r.firstBroken?.seq, 4);
    assert.match(r.firstBroken?.reason ?? '', /missing/);
  } finally {
    await q.close();
  }
});

test('reordered entries are named', async () => {
  const q = await createTestPlatform();
  try {
    for (let i = 0; i < 5; i++)
      await q.db
        .transaction()
        .execute((tx) => recordAudit(tx, ctx, { action: 'test.write', resourceType: 'thing', resourceId: String(i) }));
    // swap the positions of entries 2 and 3 (their seq numbers), keeping each entry's own content and hashes
    await sql`alter table audit_log disable trigger user`.execute(q.db);
    await sql`update audit_log set seq = -2 where seq = 2`.execute(q.db);
    await sql`update audit_log set seq = 2 where seq = 3`.execute(q.db);
    await sql`update audit_log set seq = 3 where seq = -2`.execute(q.db);
    const r = await verifyAuditChain(q.db);
    assert.equal(r.ok, false);
    assert.equal(r.firstBroken?.seq, 2);
  } finally {
    await q.close();
  }
});
