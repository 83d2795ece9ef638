import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRng } from '../../../kernel/synthetic/index.ts';
import ruleSetV2 from '../data/rule-set.v2.json' with { type: 'json' };
import { PaymentsEngine } from './engine.ts';
import { RuleSetSchema } from './rule-set.ts';
import { txMaker } from './testing.ts';
import type { AccountResult, Tx } from './types.ts';

const BANKS = ['HALYK', 'KASPI', 'FORTE', 'JUSAN', 'BCC', 'FREEDOM', 'BEREKE'];
const tx = txMaker('s');

/**
 * A shop's three drops forward to a collector (flagged) and sweep to the collector's phone; later its
 * buyers pay a fourth account, the shop's phone alias, which forwards nothing itself. A taxi driver is
 * paid by ordinary people.
 */
function scenario(): Tx[] {
  const rng = createRng('shared-customers');
  const out: Tx[] = [];
  for (let d = 0; d < 8; d++)
    for (let p = 0; p < 40; p++) out.push(tx(d * 1440 + rng.int(0, 600), `person${p}`, `shop${p % 5}`, 3000, 'card_purchase'));
  for (let k = 0; k < 3; k++)
    for (let b = 0; b < 12; b++) {
      const t = 1440 * (k + 1) + b * 25 + rng.int(0, 10);
      const amount = [5000, 10000, 15000, 20000][b % 4] as number;
      out.push(tx(t, `buyer${k * 12 + b}`, `drop${k}`, amount, b % 2 ? 'phone_transfer' : 'card_p2p', BANKS[b % BANKS.length]));
      out.push(tx(t + 4, `drop${k}`, 'collector', amount * 0.97, 'card_p2p'));
    }
  // the collector's phone: every drop also sends a sweep to it, and it never sends anything itself
  for (let k = 0; k < 3; k++) out.push(tx(1440 * (k + 1) + 320, `drop${k}`, '+77019990000', 30000, 'phone_transfer'));
  // a drop's sister gets one transfer from her brother's card: one drop sender is not a collector
  out.push(tx(1440 * 2 + 400, 'drop1', 'sister', 5000, 'card_p2p'));
  for (let h = 0; h < 4 * 24; h += 2) out.push(tx(1440 + h * 60 + 30, 'collector', 'cashout', 40000, 'card_p2p'));
  for (let h = 0; h < 4 * 24; h += 2) out.push(tx(1440 + h * 60 + 50, 'cashout', 'CASH', 39000, 'cash_withdrawal'));
  // the alias: 10 of the shop's buyers pay it on day 5, evening and night
  for (let b = 0; b < 10; b++)
    out.push(
      tx(1440 * 5 + 600 + b * 40, `buyer${b * 3}`, '+77010005555', [5000, 10000, 15000][b % 3] as number, 'phone_transfer', BANKS[b % 7]),
    );
  // the taxi driver: 12 ordinary people a day for five days
  for (let d = 0; d < 5; d++)
    for (let r = 0; r < 12; r++)
      out.push(tx(d * 1440 + 480 + r * 40, `person${(r * 7 + d) % 40}`, 'taxi', 1500 + r * 50, 'phone_transfer'));
  return out;
}

function score(ruleSet?: unknown): Map<string, AccountResult> {
  const e = new PaymentsEngine(ruleSet ? { ruleSet: RuleSetSchema.parse(ruleSet) } : {});
  for (const t of scenario()) e.ingest(t);
  return new Map(e.results().map((r) => [r.account, r]));
}

test('shared customers (v3): an account paid by the buyers of flagged drops is flagged as a drop; v2 misses it', () => {
  const v3 = score();
  const v2 = score(ruleSetV2);
  for (const r of [v2, v3]) assert.ok(r.get('drop0')!.flag && r.get('drop1')!.flag, 'the shop’s drops are flagged under both');
  const alias = v3.get('+77010005555')!;
  assert.ok(alias.flag && alias.role === 'drop', JSON.stringify(alias));
  assert.match(alias.reasons[0]!, /^10 of its 10 payers also paid flagged drop accounts \(shared customers\)$/);
  assert.ok(alias.rules.includes('money_flow_rank'));
  assert.equal(v2.get('+77010005555')!.flag, false, 'without the shared-customer path the alias stays below the line');
  assert.ok(alias.score > v2.get('+77010005555')!.score);
  // ordinary payees keep their verdicts
  assert.equal(v3.get('taxi')!.flag, false);
  assert.ok(!v3.get('taxi')!.reasons.some((x) => x.includes('shared customers')));
  for (const [account, r] of v2) if (r.flag) assert.ok(v3.get(account)!.flag, `${account} stays flagged`);
});

test('collecting aliases (v3): an account fed by several flagged drops is a collector; one transfer from a drop is not', () => {
  const v3 = score();
  const v2 = score(ruleSetV2);
  const phone = v3.get('+77019990000')!;
  assert.ok(phone.flag && phone.role === 'collector', JSON.stringify(phone));
  assert.match(phone.reasons[0]!, /^3 flagged drop accounts send it 100% of its inflow$/);
  assert.equal(v2.get('+77019990000')!.flag, false, 'v2 sees no pass-through on the phone and misses it');
  assert.equal(v3.get('sister')!.flag, false);
});
