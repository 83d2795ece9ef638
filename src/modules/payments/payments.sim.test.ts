import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PaymentSimulator, type SimLabel } from './payments.sim.ts';

function simulate(seed: string, profile: 'default' | 'alt' = 'default') {
  const rows: string[] = [];
  const labels: SimLabel[] = [];
  const summary = new PaymentSimulator({ accounts: 600, days: 6, shops: 2, seed, profile, noise: true }).run({
    row: (l) => rows.push(l),
    label: (l) => labels.push(l),
  });
  return { rows, labels, summary };
}

test('the simulator is deterministic by seed and differs across seeds', () => {
  const a = simulate('7');
  const b = simulate('7');
  assert.deepEqual(a.rows, b.rows);
  assert.deepEqual(a.labels, b.labels);
  assert.notDeepEqual(simulate('8').rows.slice(0, 50), a.rows.slice(0, 50));
  assert.notDeepEqual(simulate('7', 'alt').rows.slice(0, 50), a.rows.slice(0, 50));
});

test('simulated rows use the CSV contract and every role appears', () => {
  const { rows, labels, summary } = simulate('9');
  assert.equal(summary.rows + summary.badRows + summary.duplicates, rows.length);
  const good = rows.filter((r) => !r.startsWith('BAD'));
  for (const r of good.slice(0, 500)) {
    const f = r.split(',');
    assert.equal(f.length, 9, r);
    assert.match(f[1] ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+05:00$/);
    assert.ok(Number(f[4]) > 0);
  }
  const roles = new Set(labels.map((l) => l.role));
  for (const r of ['drop', 'collector', 'cashout', 'shop_owner', 'benign']) assert.ok(roles.has(r as SimLabel['role']), r);
  const subtypes = new Set(labels.map((l) => l.subtype));
  for (const s of ['merchant', 'taxi_driver', 'tutor', 'charity', 'marketplace_seller']) assert.ok(subtypes.has(s), s);
  const illicit = labels.filter((l) => l.role !== 'benign').length;
  assert.ok(illicit > 0 && illicit < labels.length * 0.1, 'illicit accounts are rare');
});
