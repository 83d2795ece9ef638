import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PaymentsEngine } from './engine.ts';
import { AccountState } from './state.ts';
import { txMaker } from './testing.ts';
import type { Tx } from './types.ts';

const DAY = 1440;
const BANKS = ['HALYK', 'KASPI', 'FORTE', 'JUSAN', 'BCC', 'FREEDOM'];
const tx = txMaker('m', { localHour: 10 });

/**
 * Twenty days of ordinary traffic among 300 people (each day new random pairs: history grows), plus one
 * drop shop on day 2: 3 drops forwarding within minutes to a collector that withdraws cash.
 */
function traffic(): Tx[] {
  const out: Tx[] = [];
  let r = 7;
  const rnd = (n: number) => {
    r = (Math.imul(r, 1103515245) + 12345) >>> 0;
    return r % n;
  };
  for (let d = 0; d < 20; d++)
    for (let k = 0; k < 600; k++) {
      const t = d * DAY + rnd(1400);
      out.push(tx(t, `p${rnd(300)}`, `p${rnd(300)}x`, 3000 + rnd(5000)));
      out.push(tx(t + 1, `p${rnd(300)}`, `shop${rnd(30)}`, 2000 + rnd(9000), 'card_purchase'));
    }
  for (let k = 0; k < 3; k++)
    for (let b = 0; b < 14; b++) {
      const t = 2 * DAY + k * 500 + b * 30;
      out.push(tx(t, `buyer${k}-${b}`, `drop${k}`, 10_000, 'card_p2p', BANKS[b % BANKS.length]));
      out.push(tx(t + 4, `drop${k}`, 'collector', 9_700));
      out.push(tx(t + 9, 'collector', 'CASH', 9_500, 'cash_withdrawal'));
    }
  return out.sort((a, b) => a.ts - b.ts);
}

test('cold edges between unremarkable accounts are evicted; the drop structure keeps its scores', () => {
  const all = traffic();
  const full = new PaymentsEngine({ edgeCompactMin: 1 << 30 });
  const bounded = new PaymentsEngine({ edgeCompactMin: 2000 });
  for (const t of all) {
    full.ingest(t);
    bounded.ingest(t);
  }
  const a = new Map(full.results().map((r) => [r.account, r]));
  const b = new Map(bounded.results().map((r) => [r.account, r]));
  const fs = full.stats();
  const bs = bounded.stats();
  assert.ok(bs.evictedEdges > 0 && bs.edges < fs.edges * 0.7, `edges ${bs.edges} of ${fs.edges}, evicted ${bs.evictedEdges}`);
  for (const id of ['drop0', 'drop1', 'drop2', 'collector']) {
    assert.equal(b.get(id)?.flag, a.get(id)?.flag, id);
    assert.equal(b.get(id)?.role, a.get(id)?.role, id);
    assert.ok(Math.abs((b.get(id)?.score ?? 0) - (a.get(id)?.score ?? 0)) < 0.05, id);
  }
  assert.ok(a.get('drop0')?.flag, 'the drop is flagged in the first place');
  // Every account is still scored, with the same flags.
  assert.equal(b.size, a.size);
  for (const [id, r] of a) assert.equal(b.get(id)?.flag, r.flag, id);
});

test('distinct payers and payer banks are fixed-size sketches: exact for small counts, bounded for large', () => {
  const acc = new AccountState(0, 'x');
  for (let i = 0; i < 30; i++) acc.credit(tx(i, `p${i}`, 'x', 1000, 'card_p2p', BANKS[i % 4]), i + 1, false);
  assert.equal(acc.distinctPayers, 30);
  assert.equal(acc.payerBanks, 4);
  for (let i = 0; i < 5000; i++) acc.credit(tx(100 + i, `q${i}`, 'x', 1000), 100 + i, false);
  assert.equal(acc.distinctPayers, 256, 'saturates at the cap');
});
