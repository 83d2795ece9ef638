import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import type { AccountResult } from './engine/types.ts';
import { simulateToFiles } from './payments.cli.ts';
import { evaluate } from './payments.evaluate.ts';
import type { SimLabel } from './payments.sim.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tartip-payments-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function score(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, ['bin/tartip.mjs', 'payments', 'score', ...args, '--output', '-'], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 64 << 20,
  });
  const results = r.stdout
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as AccountResult);
  return { status: r.status, stderr: r.stderr, results };
}

test('end to end: a simulated set with noise is scored, bad rows are reported with line numbers', () => {
  const file = path.join(dir, 'sim.csv');
  const labelsFile = path.join(dir, 'labels.csv');
  const s = simulateToFiles({ accounts: 1500, days: 12, shops: 2, seed: 'cli-e2e', noise: true }, file, labelsFile);
  assert.ok(s.badRows > 0 && s.duplicates > 0);
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const badLines = lines.flatMap((l, i) => (l.startsWith('BAD') ? [i + 1] : []));
  const { status, stderr, results } = score(['--transactions', file]);
  assert.equal(status, 0, stderr);
  for (const n of badLines) assert.match(stderr, new RegExp(`^line ${n}: .*skipped$`, 'm'));
  assert.match(stderr, /duplicate tx_id, counted once/);
  const labels = new Map<string, SimLabel>();
  for (const l of fs.readFileSync(labelsFile, 'utf8').split('\n').slice(1)) {
    const [account, role, subtype] = l.split(',');
    if (account && role) labels.set(account, { account, role: role as SimLabel['role'], subtype: subtype ?? '' });
  }
  const accounts = new Set(lines.slice(1).flatMap((l) => (l && !l.startsWith('BAD') ? [l.split(',')[2], l.split(',')[3]] : [])));
  accounts.delete('CASH');
  assert.equal(results.length, accounts.size, 'one line per account seen (CASH is not an account)');
  const e = evaluate(results, labels);
  assert.ok(e.illicit >= 10);
  assert.ok(e.f1 >= 0.7, `F1 ${e.f1.toFixed(3)} (precision ${e.precision.toFixed(3)}, recall ${e.recall.toFixed(3)})`);
  for (const r of results) assert.deepEqual(Object.keys(r), ['account', 'score', 'flag', 'role', 'reasons']);
});

test('card numbers never appear in clear on stderr, in reasons or in the debug dump', () => {
  const card = (i: number) => `99001234567${String(10000 + i)}`;
  const rows = ['tx_id,timestamp,payer_account,payee_account,amount,currency,channel,payer_bank,payee_bank'];
  for (let i = 0; i < 15; i++) {
    const m = String(10 + i * 3).padStart(2, '0');
    rows.push(`A${i},2025-09-01T01:${m}:00+05:00,${card(i)},${card(99)},${5000 + i * 1000},KZT,card_p2p,B${i % 5},KASPI`);
    rows.push(
      `F${i},2025-09-01T01:${String(12 + i * 3).padStart(2, '0')}:00+05:00,${card(99)},${card(98)},${4900 + i * 1000},KZT,card_p2p,KASPI,HALYK`,
    );
  }
  rows.push(`A1,2025-09-01T01:13:00+05:00,${card(1)},${card(99)},6000,KZT,card_p2p,B1,KASPI`);
  rows.push(`X1,2025-09-01T02:00:00+05:00,${card(5)},${card(5)},6000,KZT,card_p2p,B1,KASPI`);
  rows.push(`X2,2025-09-01T02:00:00+05:00,${card(5)},${card(6)},-1,KZT,card_p2p,B1,KASPI`);
  rows.push(`X3,2025-09-01T02:00:00+05:00,${card(5)},${card(6)}`);
  const file = path.join(dir, 'cards.csv');
  const watch = path.join(dir, 'watch.csv');
  const dump = path.join(dir, 'features.jsonl');
  fs.writeFileSync(file, `${rows.join('\r\n')}\r\n`);
  fs.writeFileSync(watch, `identifier,type,source\n${card(98)},card,test list\nbroken-row\n`);
  const { status, stderr, results } = score(['--transactions', file, '--watchlist', watch, '--features', dump], {
    TARTIP_SECRET_KEY: 'ab'.repeat(32),
  });
  assert.equal(status, 0, stderr);
  assert.match(stderr, /line 32: duplicate tx_id/);
  assert.match(stderr, /line 33: payer_account equals payee_account/);
  assert.match(stderr, /line 34: amount must be positive/);
  assert.match(stderr, /line 35: expected 9 columns/);
  assert.match(stderr, /watchlist line 3/);
  const dumped = fs.readFileSync(dump, 'utf8');
  const reasons = results.flatMap((r) => r.reasons).join('\n');
  for (let i = 0; i < 100; i++) {
    assert.ok(!stderr.includes(card(i)), 'stderr');
    assert.ok(!dumped.includes(card(i)), 'debug dump');
    assert.ok(!reasons.includes(card(i)), 'reasons');
  }
  const drop = results.find((r) => r.account === card(99));
  assert.equal(drop?.flag, true, JSON.stringify(drop));
  assert.match(drop?.reasons.join(';') ?? '', /\*\*\*\*0098/);
});

test('measure-rules writes a valid rule set with each cited rule’s precision on the simulator', async () => {
  const { RuleSetSchema } = await import('./engine/rule-set.ts');
  const out = path.join(dir, 'measured.json');
  const run = (extra: string[]) =>
    spawnSync(
      process.execPath,
      ['bin/tartip.mjs', 'payments', 'measure-rules', '--accounts', '1500', '--seeds', '7', '--profiles', 'default', ...extra],
      { encoding: 'utf8', env: process.env },
    );
  const r = run(['--output', out]);
  assert.equal(r.status, 0, r.stderr);
  const measured = RuleSetSchema.parse(JSON.parse(fs.readFileSync(out, 'utf8')));
  const cited = measured.rules.filter((x) => x.measuredPrecision !== null);
  assert.ok(cited.length >= 3, `${cited.length} rules cited by flagged accounts`);
  for (const rule of cited) {
    assert.ok(rule.measuredPrecision! >= 0 && rule.measuredPrecision! <= 1);
    assert.match(String(rule.measuredOn), /simulator default\/7, 1500 accounts, .*SYNTHETIC/);
  }
  // every rule is listed on the console with its figure or "not cited"
  for (const rule of measured.rules) assert.match(r.stderr + r.stdout, new RegExp(`^${rule.id}: `, 'm'));
  const bad = run(['--profiles', 'nonsense', '--output', path.join(dir, 'x.json')]);
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /--profiles/);
  assert.ok(!fs.existsSync(path.join(dir, 'x.json')), 'nothing written for a bad option');
});

test('--links: a KYC link feed scores a holder’s accounts together; its bad rows are reported by line', () => {
  const tx = path.join(dir, 'links-tx.csv');
  const rows = ['tx_id,timestamp,payer_account,payee_account,amount,currency,channel,payer_bank,payee_bank'];
  for (let i = 0; i < 3; i++)
    rows.push(`L${i},2025-09-0${i + 1}T10:00:00+05:00,payer${i},+77010000001,5000,KZT,phone_transfer,HALYK,KASPI`);
  rows.push('L9,2025-09-04T10:00:00+05:00,4400430000000001,shop,9000,KZT,card_purchase,KASPI,HALYK');
  rows.push('L10,2025-09-04T11:00:00+05:00,+77010000001,4400430000000001,100,KZT,phone_transfer,KASPI,KASPI');
  fs.writeFileSync(tx, `${rows.join('\n')}\n`);
  const links = path.join(dir, 'links.csv');
  fs.writeFileSync(links, 'account,holder\n+77010000001,H1\n4400430000000001,H1\nonly-one-field\n');
  const { status, stderr, results } = score(['--transactions', tx, '--links', links]);
  assert.equal(status, 0, stderr);
  assert.match(stderr, /^links line 4: expected account,holder; skipped$/m);
  assert.match(stderr, /1 transfer\(s\) between a holder's own accounts left out/);
  const phone = results.find((r) => r.account === '+77010000001')!;
  const card = results.find((r) => r.account === '4400430000000001')!;
  assert.deepEqual({ ...card, account: phone.account }, phone, 'both lines carry the holder’s verdict');
  assert.ok(phone.reasons.some((r) => r.includes('1 linked account(s) of the same holder')));
  assert.equal(results.length, 6, 'one line per account that appeared: three payers, the shop, the phone and the card');
  const missing = score(['--transactions', tx, '--links', path.join(dir, 'missing.csv')]);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /No such file/);
});

test('--rule-set: a draft rule set is scored with; a bad file is refused in words, naming the field', () => {
  const file = path.join(dir, 'rs-sim.csv');
  simulateToFiles({ accounts: 800, days: 8, shops: 1, seed: 'cli-rule-set' }, file);
  const strict = path.join(dir, 'strict.json');
  const rs = JSON.parse(fs.readFileSync('src/modules/payments/data/rule-set.v3.json', 'utf8')) as { rules: { enabled: boolean }[] };
  // a draft with every rule switched off flags nothing
  fs.writeFileSync(strict, JSON.stringify({ ...rs, rules: rs.rules.map((r) => ({ ...r, enabled: false })) }));
  const base = score(['--transactions', file]);
  const drafted = score(['--transactions', file, '--rule-set', strict]);
  assert.equal(drafted.status, 0, drafted.stderr);
  assert.ok(base.results.some((r) => r.flag));
  assert.equal(drafted.results.filter((r) => r.flag).length, 0);
  assert.equal(drafted.results.length, base.results.length);
  const notJson = path.join(dir, 'not.json');
  fs.writeFileSync(notJson, 'flagThreshold: 0.5');
  const bad = score(['--transactions', file, '--rule-set', notJson]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /not JSON/);
  assert.doesNotMatch(bad.stderr, /at Command/);
  const invalid = path.join(dir, 'invalid.json');
  fs.writeFileSync(invalid, JSON.stringify({ ...rs, flagThreshold: 2 }));
  assert.match(score(['--transactions', file, '--rule-set', invalid]).stderr, /flagThreshold/);
});
