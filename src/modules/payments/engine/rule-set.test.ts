import assert from 'node:assert/strict';
import { test } from 'node:test';
import ruleSetV1 from '../data/rule-set.v1.json' with { type: 'json' };
import ruleSetV2 from '../data/rule-set.v2.json' with { type: 'json' };
import ruleSetV3 from '../data/rule-set.v3.json' with { type: 'json' };
import { PaymentsEngine } from './engine.ts';
import { compileRuleSet, DEFAULT_RULE_SET, RULE_IDS, RuleSetSchema, type RuleSet } from './rule-set.ts';
import { dropScore, type Features } from './rules.ts';
import { CH, type Tx } from './types.ts';

const T0 = Date.UTC(2025, 8, 1, 5);
const MIN = 60_000;
const BANKS = ['HALYK', 'KASPI', 'FORTE', 'JUSAN', 'BCC', 'FREEDOM'];
let seq = 0;

function tx(minutes: number, payer: string, payee: string, amount: number, bank = 'HALYK'): Tx {
  const ts = T0 + minutes * MIN;
  return {
    id: `r${++seq}`,
    ts,
    localHour: 10,
    payer,
    payee,
    amount,
    currency: 'KZT',
    channel: CH.card_p2p,
    payerBank: bank,
    payeeBank: 'KASPI',
    line: 0,
  };
}

/** 14 one-off buyers pay a drop that forwards each payment to one collector within 5 minutes. */
function dropTraffic(): Tx[] {
  const out: Tx[] = [];
  for (let d = 0; d < 4; d++) for (let p = 0; p < 10; p++) out.push(tx(d * 1440 + p * 40, `person${p}`, `friend${p}`, 2500));
  for (let b = 0; b < 14; b++) {
    out.push(tx(1440 + b * 30, `buyer${b}`, 'drop', 10_000, BANKS[b % BANKS.length]));
    out.push(tx(1440 + b * 30 + 5, 'drop', 'collector', 9_700));
  }
  return out.sort((a, b) => a.ts - b.ts);
}

const clone = (): RuleSet => structuredClone(DEFAULT_RULE_SET);

test('the shipped rule set is valid data with every rule once', () => {
  const rs = RuleSetSchema.parse(ruleSetV1);
  assert.equal(rs.version, 'v1');
  assert.deepEqual(rs.rules.map((r) => r.id).sort(), [...RULE_IDS].sort());
  assert.equal(compileRuleSet(rs).p.fan_in.uniquePayers24h[1], 10);
});

test('the shipped rule set is v3: v2 plus shared customers and collecting aliases; v1 and v2 still compile, with the newer paths off', () => {
  assert.equal(DEFAULT_RULE_SET.version, 'v3');
  assert.deepEqual(RuleSetSchema.parse(ruleSetV3), DEFAULT_RULE_SET);
  assert.equal(compileRuleSet(ruleSetV2).p.money_flow_rank.sharedBoost, undefined);
  assert.deepEqual(compileRuleSet(ruleSetV3).p.money_flow_rank.sharedPayers, [3, 8]);
  assert.equal(compileRuleSet(ruleSetV2).p.collector.aliasDropSenders, undefined);
  assert.deepEqual(compileRuleSet(ruleSetV3).p.collector.aliasDropSenders, [1, 2]);
  // v3 differs from v2 only in the shared-customer and collecting-alias parameters
  const strip = (rs: typeof ruleSetV2) =>
    rs.rules.map((r) => ({
      id: r.id,
      params: Object.fromEntries(Object.entries(r.params).filter(([k]) => !k.startsWith('shared') && !k.startsWith('alias'))),
    }));
  assert.deepEqual(strip(ruleSetV3 as typeof ruleSetV2), strip(ruleSetV2));
  const v1 = compileRuleSet(ruleSetV1).p;
  assert.equal(v1.pass_through.supportedSupport, undefined);
  assert.equal(v1.fan_in.inflowOnlySupport, undefined);
  const v2 = compileRuleSet(ruleSetV2).p;
  assert.deepEqual(v2.pass_through.supportedNightShare, [0.03, 0.12]);
});

/** An account with strong supporting signals: one-off payers at many banks, price-band P2P credits, short life. */
const collector = (over: Partial<Features>): Features => ({
  uniquePayers24h: 12,
  distinctPayers: 30,
  payerBanks: 7,
  p2pShare: 1,
  purchaseInShare: 0,
  cryptoInShare: 0,
  passThrough: 0,
  fastShare: 0,
  hourShare: 0,
  dayShare: 0,
  sixHourShare: 0,
  shortLife: 1,
  cashCryptoOutShare: 0,
  purchaseOutShare: 0,
  nightShare: 0.25,
  priceRangeShare: 1,
  repeatShare: 0.05,
  activeDays: 3,
  lifetimeDays: 3,
  isDormantBurst: false,
  ...over,
});

test('v2 scores a collecting alias and slow pass-through as drops, but not daytime group collections', () => {
  const v1 = compileRuleSet(ruleSetV1).p;
  const v2 = compileRuleSet(ruleSetV2).p;
  // a phone alias that only collects, at night too: nothing under v1, a drop under v2
  assert.equal(dropScore(collector({}), 0, v1), 0);
  assert.ok(dropScore(collector({}), 0, v2) >= 0.5);
  // the same collection entirely by day (a class trip, a charity) stays below the flag
  assert.ok(dropScore(collector({ nightShare: 0 }), 0, v2) < 0.5);
  // slow pass-through (within 6 h, not the hour), split among recipients: v1 misses it, v2 flags it
  const slow = collector({ passThrough: 1, dayShare: 0.9, sixHourShare: 0.4 });
  assert.ok(dropScore(slow, 0.3, v1) < 0.5);
  assert.ok(dropScore(slow, 0.3, v2) >= 0.5);
  // but money held for days before one payout is not a drop's
  assert.ok(dropScore(collector({ passThrough: 1, dayShare: 0.1, nightShare: 0 }), 1, v2) < 0.5);
  // merchants stay out: card purchases damp every path
  assert.ok(dropScore(collector({ purchaseInShare: 0.9, p2pShare: 0.1 }), 0, v2) < 0.5);
});

test('bad rule sets are refused with the field named', () => {
  const missing = clone();
  missing.rules = missing.rules.filter((r) => r.id !== 'night');
  assert.throws(() => compileRuleSet(missing), /rule night is missing/);
  const badRamp = clone();
  (badRamp.rules.find((r) => r.id === 'fan_in') as RuleSet['rules'][number]).params.uniquePayers24h = [10, 3];
  assert.throws(() => compileRuleSet(badRamp), /hi > lo/);
  const unknownParam = clone();
  (unknownParam.rules.find((r) => r.id === 'night') as RuleSet['rules'][number]).params.bogus = 1;
  assert.throws(() => compileRuleSet(unknownParam), /bogus|Unrecognized/);
  const twice = clone();
  twice.rules.push(twice.rules[0] as RuleSet['rules'][number]);
  assert.throws(() => compileRuleSet(twice), /appears twice/);
});

test('results carry the ids of the rules that fired', () => {
  const e = new PaymentsEngine();
  for (const t of dropTraffic()) e.ingest(t);
  const drop = e.results().find((r) => r.account === 'drop');
  // One drop alone: its collector is not collector-like, so the graph keeps it below the flag.
  assert.ok(drop && drop.score > 0.3, 'the drop scores');
  for (const id of ['fan_in', 'fast_forward', 'pass_through', 'concentration', 'many_banks']) assert.ok(drop.rules.includes(id), id);
  const friend = e.results().find((r) => r.account === 'friend1');
  assert.deepEqual(friend?.rules, []);
});

test('thresholds and rules switch at run time (useRuleSet), state is kept', () => {
  const e = new PaymentsEngine({ reorderCapacity: 0 });
  for (const t of dropTraffic()) e.ingest(t);
  const before = e.liveResult('drop');
  assert.ok(before?.flag);
  const strict = clone();
  strict.version = 'v1-strict';
  const fanIn = strict.rules.find((r) => r.id === 'fan_in') as RuleSet['rules'][number];
  fanIn.params.uniquePayers24h = [20, 40];
  fanIn.params.distinctPayers = [30, 60];
  e.useRuleSet(strict);
  assert.equal(e.ruleSetVersion, 'v1-strict');
  const after = e.liveResult('drop');
  assert.equal(after?.score, 0);
  assert.equal(after?.flag, false);
  e.useRuleSet(DEFAULT_RULE_SET);
  assert.deepEqual(e.liveResult('drop'), before);
  const noFast = clone();
  // Disabling the fast-forward rule removes the core of the drop score.
  (noFast.rules.find((r) => r.id === 'fast_forward') as RuleSet['rules'][number]).enabled = false;
  e.useRuleSet(noFast);
  const off = e.liveResult('drop');
  assert.ok((off?.score ?? 1) < before.score / 2, `score without fast_forward ${off?.score}`);
  assert.ok(!off?.rules.includes('fast_forward'));
});
