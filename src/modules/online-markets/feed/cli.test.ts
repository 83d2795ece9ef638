import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { createSigner, privateKeyFrom } from './signing.ts';

const root = path.resolve(import.meta.dirname, '../../../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tartip-feed-cli-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function tartip(args: string[]) {
  const r = spawnSync(process.execPath, ['bin/tartip.mjs', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, TARTIP_DATA_DIR: dir, DATABASE_URL: '', TARTIP_LOG_LEVEL: 'silent' },
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('tartip feed verify accepts the signed body and refuses an altered one (offline)', () => {
  const signer = createSigner(privateKeyFrom('33'.repeat(32)));
  const body = 'a-shop.kz\nb-shop.kz\n';
  const file = path.join(dir, 'domains.txt');
  const key = path.join(dir, 'key.pem');
  const sigFile = path.join(dir, 'sig.txt');
  fs.writeFileSync(file, body);
  fs.writeFileSync(key, signer.publicKeyPem);
  fs.writeFileSync(sigFile, `${signer.sign(body)}\n`);
  const ok = tartip(['feed', 'verify', '--file', file, '--signature', signer.sign(body), '--public-key', key]);
  assert.equal(ok.code, 0, ok.err);
  assert.match(ok.out, /signature verified \(sha256 [0-9a-f]{64}\)/);
  assert.equal(tartip(['feed', 'verify', '--file', file, '--signature', sigFile, '--public-key', key]).code, 0);
  fs.appendFileSync(file, 'evil.kz\n');
  const bad = tartip(['feed', 'verify', '--file', file, '--signature', sigFile, '--public-key', key]);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /does NOT verify/);
  assert.equal(tartip(['feed', 'verify', '--file', file, '--signature', 'not-base64', '--public-key', key]).code, 2);
});
