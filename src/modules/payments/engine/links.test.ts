import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRng } from '../../../kernel/synthetic/index.ts';
import { PaymentsEngine, type WatchEntry } from './engine.ts';
import { HolderLinks } from './links.ts';
import { txMaker } from './testing.ts';
import type { AccountResult, Channel, Tx } from './types.ts';

const BANKS = ['HALYK', 'KASPI', 'FORTE', 'JUSAN', 'BCC'];
const make = txMaker('l');
let n = 0;
/** Payer banks rotate over five banks. */
const tx = (minutes: number, payer: string, payee: string, amount: number, channel: Channel = 'card_p2p'): Tx =>
  make(minutes, payer, payee, amount, channel, BANKS[++n % 5]);

/**
 * A drop whose published phone only receives (buyers pay +7701…) while the money leaves from the same
 * person's card minutes later; the feed shows them as two accounts. Plus a taxi driver paid by phone.
 */
function aliasScenario(): Tx[] {
  const rng = createRng('alias-scenario');
  const out: Tx[] = [];
  for (let d = 0; d < 6; d++)
    for (let p = 0; p < 30; p++) out.push(tx(d * 1440 + rng.int(0, 600), `person${p}`, `shop${p % 4}`, 3000, 'card_purchase'));
  for (let k = 0; k < 3; k++) {
    // three drops in turn, each a phone that receives and a card that forwards
    let held = 0;
    for (let b = 0; b < 16; b++) {
      const t = 1440 * (k + 1) + 600 + b * 25 + rng.int(0, 8); // evenings and nights
      const amount = [5000, 10000, 15000, 20000][b % 4] as number;
      out.push(tx(t, `buyer${k * 16 + b}`, `+7701000000${k + 1}`, amount, 'phone_transfer'));
      held += amount;
      if (b % 2 === 1) {
        out.push(tx(t + 6, `440043000000000${k + 1}`, 'collector', Math.round(held * 0.95), 'card_p2p'));
        held = 0;
      }
    }
  }
  for (let h = 0; h < 4 * 24; h += 2) out.push(tx(1440 + h * 60 + 30, 'collector', 'cashout', 40000, 'card_p2p'));
  for (let h = 0; h < 4 * 24; h += 2) out.push(tx(1440 + h * 60 + 50, 'cashout', 'CASH', 39000, 'cash_withdrawal'));
  out.push(tx(1440 * 4, '+77010000001', '4400430000000001', 1000, 'phone_transfer')); // own accounts: internal
  for (let d = 0; d < 6; d++)
    for (let r = 0; r < 12; r++)
      out.push(tx(d * 1440 + 480 + r * 40, `person${(r * 7 + d) % 30}`, '+77020000002', 1500 + r * 50, 'phone_transfer'));
  return out;
}

const LINKS = [
  { account: '+77010000001', holder: 'P1' },
  { account: '4400430000000001', holder: 'P1' },
  { account: '+77010000002', holder: 'P3' },
  { account: '4400430000000002', holder: 'P3' },
  { account: '+77010000003', holder: 'P4' },
  { account: '4400430000000003', holder: 'P4' },
  { account: '+77020000002', holder: 'P2' },
  { account: '4400430000009999', holder: 'P2' }, // never appears: not reported
];

function score(txs: readonly Tx[], links?: HolderLinks, watchlist: WatchEntry[] = []): Map<string, AccountResult> {
  const e = new PaymentsEngine({ watchlist: links ? links.watchlist(watchlist) : watchlist });
  for (const t of txs) {
    const x = links ? links.apply(t) : t;
    if (x) e.ingest(x);
  }
  const results = links ? links.expand(e.results()) : e.results();
  return new Map(results.map((r) => [r.account, r]));
}

test('a phone that only receives and the card that forwards, linked to one holder, are scored as one drop', () => {
  const txs = aliasScenario();
  const alone = score(txs);
  const links = new HolderLinks(LINKS);
  const linked = score(txs, links);
  const phone = linked.get('+77010000001')!;
  const card = linked.get('4400430000000001')!;
  assert.equal(phone.flag, true, JSON.stringify(phone));
  assert.equal(phone.role, 'drop');
  assert.deepEqual({ ...card, account: phone.account }, phone, 'both accounts carry the holder verdict');
  assert.ok(phone.reasons.some((r) => r.includes('linked account')));
  assert.ok(phone.score > alone.get('+77010000001')!.score, 'the link adds what the phone alone does not show');
  assert.equal(links.internal, 1, 'the transfer between the two own accounts is left out');
  // the taxi driver's phone is linked too, but stays unflagged; an account that never appeared is not reported
  assert.equal(linked.get('+77020000002')!.flag, false);
  assert.equal(linked.has('4400430000009999'), false);
  assert.equal(linked.size, alone.size, 'one line per account that appeared, as without links');
  assert.ok(![...linked.keys()].some((k) => k.startsWith('holder:')), 'holder pseudonyms are never reported');
});

test('a watchlisted phone marks its holder: the linked card is reported as on the watchlist, by the phone', () => {
  const links = new HolderLinks(LINKS);
  const r = score(aliasScenario(), links, [{ identifier: '+7 701 000 00 01', type: 'phone', source: 'ads' }]);
  const card = r.get('4400430000000001')!;
  assert.ok(
    card.reasons.some((x) => x.startsWith('on watchlist (phone')),
    JSON.stringify(card.reasons),
  );
  const collector = r.get('collector')!;
  assert.ok(
    collector.reasons.some((x) => x.includes('from watchlisted phone +7 701 000 00 01 (its holder)')),
    JSON.stringify(collector.reasons),
  );
});

test('unlinked accounts are untouched: with an empty link feed the results are those of the plain engine', () => {
  const txs = aliasScenario();
  assert.deepEqual([...score(txs, new HolderLinks([])).values()], [...score(txs).values()]);
});
