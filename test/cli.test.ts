import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { sql } from 'kysely';
import { openDatabase } from '../src/kernel/db/database.ts';

const root = path.resolve(import.meta.dirname, '..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tartip-cli-'));
after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function tartip(args: string[], input?: string, extraEnv: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['bin/tartip.mjs', ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
    env: { ...process.env, TARTIP_DATA_DIR: dataDir, DATABASE_URL: '', TARTIP_LOG_LEVEL: 'silent', ...extraEnv },
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('--help works everywhere', () => {
  for (const args of [
    ['--help'],
    ['user', 'add', '--help'],
    ['token', 'create', '--help'],
    ['audit', 'verify', '--help'],
    ['seed', '--help'],
  ]) {
    const r = tartip(args);
    assert.equal(r.code, 0, args.join(' '));
    assert.match(r.out, /Usage: tartip/);
  }
});

test('an unknown command or bad input exits non-zero with a clear message, and writes nothing', () => {
  assert.equal(tartip(['frobnicate']).code, 2);
  const bad = tartip([
    'user',
    'add',
    '--username',
    'X Y',
    '--name',
    'Test',
    '--role',
    'police_officer',
    '--org',
    'MIA',
    '--region',
    'almaty',
  ]);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /username/);
  assert.match(bad.err, /regionCode/);
  const missing = tartip(['user', 'add', '--username', 'abc']);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /required option/);
});

test('seed, user add, token create and audit verify work on the embedded database', async () => {
  const seeded = tartip(['seed', '--demo']);
  assert.equal(seeded.code, 0, seeded.err);
  assert.match(seeded.err, /546 synthetic sober settlements/);
  assert.match(seeded.err, /admin .* TOTP secret/);
  assert.match(tartip(['seed', '--demo']).err, /already loaded/);

  const user = tartip(
    [
      'user',
      'add',
      '--username',
      'cli.user',
      '--name',
      'Сейітов Ерлан',
      '--role',
      'police_officer',
      '--org',
      'MIA',
      '--region',
      'KZ-35',
      '--password-stdin',
    ],
    'a-long-enough-password\n',
  );
  assert.equal(user.code, 0, user.err);
  assert.match(user.out, /Created user cli.user/);
  const dup = tartip([
    'user',
    'add',
    '--username',
    'cli.user',
    '--name',
    'Again',
    '--role',
    'police_officer',
    '--org',
    'MIA',
    '--region',
    'KZ-35',
  ]);
  assert.equal(dup.code, 1);
  assert.match(dup.err, /taken/);

  const token = tartip(['token', 'create', '--name', 'Bank of test', '--org', 'AFM', '--permissions', 'reference.read']);
  assert.equal(token.code, 0, token.err);
  assert.match(token.out, /\ntt_[A-Za-z0-9_-]{40,}\n/);

  const ok = tartip(['audit', 'verify']);
  assert.equal(ok.code, 0, ok.err);
  assert.match(ok.out, /Audit trail intact: \d+ entries/);

  // tamper with entry 2 as a superuser could, then verify names it
  const h = await openDatabase({ kind: 'pglite', dataDir });
  await sql`alter table audit_log disable trigger user`.execute(h.db);
  await sql`update audit_log set actor_username = 'someone-else' where seq = 2`.execute(h.db);
  await h.close();
  const broken = tartip(['audit', 'verify']);
  assert.equal(broken.code, 1);
  assert.match(broken.out, /BROKEN at entry #2/);
});

test('a database that is down at start: a clear message, exit 1', () => {
  const r = tartip(['migrate'], undefined, { DATABASE_URL: 'postgres://tartip:hunter2@127.0.0.1:1/tartip' });
  assert.equal(r.code, 1);
  assert.match(r.err, /Cannot connect to PostgreSQL at postgres:\/\/tartip:\*\*\*@127\.0\.0\.1:1\/tartip/);
  assert.ok(!r.err.includes('hunter2'), 'the password is not printed');
});

test('bad configuration names the variable', () => {
  const r = tartip(['migrate'], undefined, { PORT: 'eighty' });
  assert.equal(r.code, 2);
  assert.match(r.err, /PORT/);
});
