import assert from 'node:assert/strict';
import { test } from 'node:test';
import ruleSetV1 from '../data/rule-set.v1.json' with { type: 'json' };
import { PaymentsEngine } from './engine.ts';
import { compileRuleSet, DEFAULT_RULE_SET, RULE_IDS, RuleSetSchema, type RuleSet } from './rule-set.ts';
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
