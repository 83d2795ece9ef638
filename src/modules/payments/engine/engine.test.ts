import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRng } from '../../../kernel/synthetic/index.ts';
import { PaymentsEngine } from './engine.ts';
import { DedupIndex, ReorderBuffer } from './reorder.ts';
import { cashoutBehaviour, dropScore, features } from './rules.ts';
import { AccountState } from './state.ts';
import { txMaker, MIN, T0 } from './testing.ts';
import type { AccountResult, Tx } from './types.ts';

const BANKS = ['HALYK', 'KASPI', 'FORTE', 'JUSAN', 'BCC', 'FREEDOM', 'BEREKE'];
/** A transaction `minutes` after T0 (local hour follows +05:00). */
const tx = txMaker('t');

function run(txs: readonly Tx[], opts: ConstructorParameters<typeof PaymentsEngine>[0] = {}): Map<string, AccountResult> {
  const e = new PaymentsEngine(opts);
  for (const t of txs) e.ingest(t);
  return new Map(e.results().map((r) => [r.account, r]));
}

/** Drop-shop structure: 36 buyers → 3 drops (fast forward) → collector → cash-out; plus a merchant and a charity. */
function shopScenario(): Tx[] {
  const out: Tx[] = [];
  const rng = createRng('shop-scenario');
  // Background: ordinary people, so the observation period is longer than the drops' lives.
  for (let d = 0; d < 6; d++)
    for (let p = 0; p < 40; p++) out.push(tx(d * 1440 + rng.int(0, 600), `person${p}`, `shop${p % 5}`, 3000, 'card_purchase'));
  for (let k = 0; k < 3; k++) {
    const drop = `drop${k}`;
    for (let b = 0; b < 12; b++) {
      const t = 1440 * (k + 1) + b * 25 + rng.int(0, 10);
      const amount = [5000, 10000, 15000, 20000][b % 4] as number;
      out.push(tx(t, `buyer${k * 12 + b}`, drop, amount, b % 2 ? 'phone_transfer' : 'card_p2p', BANKS[b % BANKS.length]));
      out.push(tx(t + 4, drop, 'collector', amount * 0.97, 'card_p2p'));
    }
  }
  for (let h = 0; h < 4 * 24; h += 2) out.push(tx(1440 + h * 60 + 30, 'collector', 'cashout', 40000, 'card_p2p'));
  for (let h = 0; h < 4 * 24; h += 2) out.push(tx(1440 + h * 60 + 50, 'cashout', 'CASH', 39000, 'cash_withdrawal'));
  // Merchant taking card-to-card payments from many people, paying its supplier once a day.
  for (let d = 0; d < 5; d++) {
    for (let c = 0; c < 15; c++)
      out.push(tx(d * 1440 + c * 30, `person${(c * 7 + d) % 40}`, 'merchant', 4000 + c * 100, 'card_p2p', BANKS[c % BANKS.length]));
    out.push(tx(d * 1440 + 600, 'merchant', 'supplier', 40000, 'bank_transfer'));
  }
  // Charity: many donors for two days, forwarded to the organisation three days later.
  for (let c = 0; c < 40; c++) out.push(tx(1440 + c * 60, `person${c}`, 'charity', 2000, 'card_p2p', BANKS[c % BANKS.length]));
  out.push(tx(1440 * 5 + 60, 'charity', 'charity_org', 80000, 'bank_transfer'));
  return out;
}

test('graph roles: drops, collector and cash-out are found; the merchant, the charity and the buyers are not', () => {
  const r = run(shopScenario());
  for (const k of [0, 1, 2]) {
    assert.equal(r.get(`drop${k}`)?.flag, true, `drop${k}: ${JSON.stringify(r.get(`drop${k}`))}`);
    assert.equal(r.get(`drop${k}`)?.role, 'drop');
  }
  assert.equal(r.get('collector')?.role, 'collector', JSON.stringify(r.get('collector')));
  assert.equal(r.get('cashout')?.role, 'cashout', JSON.stringify(r.get('cashout')));
  for (const benign of ['merchant', 'charity', 'charity_org', 'supplier', 'buyer0', 'person1', 'shop0'])
    assert.equal(r.get(benign)?.flag, false, benign);
  assert.ok(!r.has('CASH'), 'CASH is not an account');
  const reasons = r.get('drop0')?.reasons.join('; ') ?? '';
  assert.match(reasons, /12 unique payers in 24h/);
  assert.match(reasons, /forwarded within 15 min \(100% of it to collector\)/);
  for (const x of r.values()) {
    assert.ok(x.score >= 0 && x.score <= 1);
    assert.ok(x.reasons.length <= 6);
    if (!x.flag) assert.equal(x.role, null);
  }
});

test('watchlist: a listed identifier is flagged, its counterparties get a hop reason', () => {
  const r = run(shopScenario(), { watchlist: [{ identifier: 'collector', type: 'account', source: 'AFM grey list' }] });
  assert.equal(r.get('collector')?.flag, true);
  assert.match(r.get('collector')?.reasons[0] ?? '', /on watchlist/);
  assert.match(r.get('cashout')?.reasons.join(';') ?? '', /1 hop from watchlisted account collector/);
});

test('duplicate transaction ids count once', () => {
  const base = shopScenario();
  const doubled = [...base, ...base.slice(0, 300)];
  const e = new PaymentsEngine();
  let accepted = 0;
  for (const t of doubled) if (e.ingest(t)) accepted++;
  assert.equal(accepted, base.length);
  assert.equal(e.stats().duplicates, 300);
  assert.deepEqual(e.results(), [...run(base).values()]);
});

test('out-of-order input gives the same result as sorted input', () => {
  const sorted = shopScenario().sort((a, b) => a.ts - b.ts || (a.id < b.id ? -1 : 1));
  const shuffled = [...sorted];
  const rng = createRng('shuffle');
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [shuffled[i], shuffled[j]] = [shuffled[j] as Tx, shuffled[i] as Tx];
  }
  assert.deepEqual([...run(shuffled).values()], [...run(sorted).values()]);
  // Disorder beyond the buffer is still counted (late), never dropped.
  const e = new PaymentsEngine({ reorderCapacity: 8 });
  for (const t of [...sorted].reverse()) e.ingest(t);
  e.flush();
  assert.equal(e.stats().processed, sorted.length);
  assert.ok(e.stats().late > 0);
});

test('windowed state stays bounded for many short-lived accounts', () => {
  const e = new PaymentsEngine({ reorderCapacity: 1024 });
  let maxActive = 0;
  let maxEntries = 0;
  for (let i = 0; i < 150_000; i++) {
    // Every payee lives for ten payments (five minutes); a new one every five minutes, for ~52 days.
    e.ingest(tx(i / 2, `payer${i % 500}`, `short${Math.floor(i / 10)}`, 5000));
    if (i % 10_000 === 0) {
      const s = e.stats();
      maxActive = Math.max(maxActive, s.activeWindows);
      maxEntries = Math.max(maxEntries, s.windowEntries);
    }
  }
  const s = e.stats();
  assert.ok(s.accounts > 15_000);
  assert.ok(maxActive < 1500, `active windows ${maxActive}`);
  assert.ok(maxEntries < 40_000, `window entries ${maxEntries}`);
  assert.ok(s.reorderBuffered <= 1024);
  const d = new DedupIndex(100, 3);
  for (let i = 0; i < 10_000; i++) d.seen(`id${i}`);
  assert.ok(d.size <= 300);
});

test('reorder buffer releases in (time, id) order', () => {
  const seen: number[] = [];
  const b = new ReorderBuffer(4, (t) => seen.push(t.ts));
  for (const m of [5, 1, 3, 2, 4, 9, 7, 8, 6]) b.push(tx(m, 'a', 'b', 1));
  b.drain();
  assert.deepEqual(
    seen,
    [...seen].sort((x, y) => x - y),
  );
});

function account(txs: Tx[], id: string): AccountState {
  const accounts = new Map<string, AccountState>();
  const get = (k: string) => accounts.get(k) ?? accounts.set(k, new AccountState(accounts.size, k)).get(k)!;
  for (const t of txs.sort((a, b) => a.ts - b.ts)) {
    const p = get(t.payer);
    p.touch(t.ts);
    if (t.payee !== 'CASH') {
      const q = get(t.payee);
      q.touch(t.ts);
      q.credit(t, p.index, false);
    }
    p.debit(t, false, () => undefined);
  }
  return get(id);
}
const period = { start: T0 - 10 * 1440 * MIN, end: T0 + 10 * 1440 * MIN };

test('rule: fan-in counts unique payers in 24 h, not payments', () => {
  const many = account(
    Array.from({ length: 12 }, (_, i) => tx(i * 30, `p${i}`, 'x', 5000)),
    'x',
  );
  assert.equal(features(many, period).uniquePayers24h, 12);
  const one = account(
    Array.from({ length: 12 }, (_, i) => tx(i * 30, 'p', 'x', 5000)),
    'x',
  );
  assert.equal(features(one, period).uniquePayers24h, 1);
  const spread = account(
    Array.from({ length: 12 }, (_, i) => tx(i * 1500, `p${i}`, 'x', 5000)),
    'x',
  );
  assert.equal(features(spread, period).uniquePayers24h, 1, 'one payer a day is not fan-in');
});

test('rule: forwarding speed (15 min, 1 h, 6 h) and pass-through', () => {
  const fast = features(account([tx(0, 'p', 'x', 10000), tx(5, 'x', 'c', 10000)], 'x'), period);
  assert.equal(fast.fastShare, 1);
  assert.equal(fast.passThrough, 1);
  const slow = features(account([tx(0, 'p', 'x', 10000), tx(180, 'x', 'c', 10000)], 'x'), period);
  assert.equal(slow.hourShare, 0);
  assert.equal(slow.sixHourShare, 1);
  const spent = features(account([tx(0, 'p', 'x', 10000), tx(5, 'x', 'shop', 10000, 'card_purchase')], 'x'), period);
  assert.equal(spent.hourShare, 0, 'spending is not forwarding');
  assert.equal(spent.passThrough, 0);
});

test('rule: cash-out behaviour, night share, dormancy burst', () => {
  const co = features(account([tx(0, 'c', 'x', 100000), tx(30, 'x', 'CASH', 95000, 'cash_withdrawal')], 'x'), period);
  assert.equal(co.cashCryptoOutShare, 1);
  assert.ok(cashoutBehaviour(co) > 0.9);
  const night = features(account([tx(-9 * 60, 'p', 'x', 5000), tx(-8 * 60, 'q', 'x', 5000)], 'x'), period);
  assert.equal(night.nightShare, 1);
  const txs = [tx(-30 * 1440, 'p', 'x', 5000), ...Array.from({ length: 6 }, (_, i) => tx(i * 10, `n${i}`, 'x', 5000))];
  assert.equal(features(account(txs, 'x'), period).isDormantBurst, true);
});

test('rule: drop score needs fan-in and fast pass-through; each alone stays low', () => {
  const drop: Tx[] = [];
  const merchant: Tx[] = [];
  const lonely: Tx[] = [];
  for (let i = 0; i < 12; i++) {
    drop.push(tx(i * 20, `p${i}`, 'x', 10000, 'card_p2p', BANKS[i % 7]), tx(i * 20 + 3, 'x', 'c', 9700));
    merchant.push(tx(i * 20, `p${i}`, 'x', 10000, 'card_p2p', BANKS[i % 7]));
    lonely.push(tx(i * 20, 'p0', 'x', 10000), tx(i * 20 + 3, 'x', 'c', 9700));
  }
  merchant.push(tx(1440 * 2, 'x', 'supplier', 100000, 'bank_transfer'));
  const score = (txs: Tx[]) => dropScore(features(account(txs, 'x'), period), 1);
  assert.ok(score(drop) > 0.7, `drop ${score(drop)}`);
  assert.ok(score(merchant) < 0.3, `merchant ${score(merchant)}`);
  assert.equal(score(lonely), 0);
});
