import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { sql } from 'kysely';
import { openDatabase } from './database.ts';
import { lockDataFolder } from './lock.ts';
import { migrate } from './migrator.ts';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'tartip-db-'));

test('migrations apply once, in order, and an edited migration is refused', async () => {
  const h = await openDatabase({ kind: 'pglite-memory' });
  try {
    const mods = [
      { module: 'a', migrations: [{ id: '0001', sql: 'create table a1 (x int); create table a2 (y int);' }] },
      { module: 'b', migrations: [{ id: '0001', sql: 'create table b1 (x int references a1(x));'.replace(' references a1(x)', '') }] },
    ];
    const first = await migrate(h, mods);
    assert.deepEqual(first.applied, ['a/0001', 'b/0001']);
    const second = await migrate(h, mods);
    assert.deepEqual(second.applied, []);
    const edited = [{ module: 'a', migrations: [{ id: '0001', sql: 'create table a1 (x bigint);' }] }];
    await assert.rejects(migrate(h, edited), /edited after it was applied/);
  } finally {
    await h.close();
  }
});

test('a failing migration leaves nothing half-applied', async () => {
  const h = await openDatabase({ kind: 'pglite-memory' });
  try {
    const mods = [
      {
        module: 'a',
        migrations: [
          { id: '0001', sql: 'create table ok1 (x int);' },
          { id: '0002', sql: 'create table ok2 (x int); select no_such_function();' },
        ],
      },
    ];
    await assert.rejects(migrate(h, mods), /Migration a\/0002 failed/);
    const r = await sql<{
      n: number;
    }>`select count(*)::int as n from information_schema.tables where table_name in ('ok1', 'ok2', 'tartip_migrations')`.execute(h.db);
    assert.equal(r.rows[0]?.n, 0);
  } finally {
    await h.close();
  }
});

test('a query issued while another caller holds a transaction does not run inside it (PGlite)', async () => {
  const h = await openDatabase({ kind: 'pglite-memory' });
  try {
    await sql`create table t (v text)`.execute(h.db);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const tx = h.db
      .transaction()
      .execute(async (trx) => {
        await sql`insert into t values ('in-tx')`.execute(trx);
        await gate;
        throw new Error('rollback');
      })
      .catch(() => 'rolled back');
    await new Promise((r) => setTimeout(r, 20));
    const outside = sql`insert into t values ('outside')`.execute(h.db);
    release();
    assert.equal(await tx, 'rolled back');
    await outside;
    const rows = await sql<{ v: string }>`select v from t`.execute(h.db);
    assert.deepEqual(
      rows.rows.map((r) => r.v),
      ['outside'],
    );
  } finally {
    await h.close();
  }
});

test('a second opener of the same data folder gets a clear error; a stale lock is taken over', async () => {
  const dir = tmp();
  const lock = lockDataFolder(dir);
  assert.throws(() => lockDataFolder(dir), /(already in use|Could not lock)/);
  lock.release();
  // a lock left by a process that is gone
  fs.writeFileSync(path.join(dir, 'tartip.lock'), JSON.stringify({ pid: 999999, host: os.hostname() }));
  const again = lockDataFolder(dir);
  again.release();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a second process on the same data folder exits with a clear message and changes nothing', async () => {
  const dir = tmp();
  const h = await openDatabase({ kind: 'pglite', dataDir: dir });
  try {
    const out = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['bin/tartip.mjs', 'migrate'], {
        env: { ...process.env, TARTIP_DATA_DIR: dir, DATABASE_URL: '' },
        cwd: path.resolve(import.meta.dirname, '../../..'),
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code) => resolve({ code, stderr }));
    });
    assert.equal(out.code, 1, out.stderr);
    assert.match(out.stderr, /already in use by another Tartip process/);
  } finally {
    await h.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a database that is down at start gives a clear error', async () => {
  await assert.rejects(openDatabase({ kind: 'postgres', url: 'postgres://nobody:secret@127.0.0.1:1/none' }), (e: Error) => {
    assert.match(e.message, /Cannot connect to PostgreSQL at postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/none/);
    assert.ok(!e.message.includes('secret'));
    return true;
  });
});
