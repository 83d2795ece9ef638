import { DEFAULT_RULES, type RuleId, type RuleParams } from './rule-set.ts';
import { WINDOW, type AccountState } from './state.ts';

const DAY = 86_400_000;

/** Linear ramp: 0 at or below `lo`, 1 at or above `hi`. */
export function ramp(x: number, lo: number, hi: number): number {
  if (!(x > lo)) return 0;
  if (x >= hi) return 1;
  return (x - lo) / (hi - lo);
}

/** `ramp` over a rule-set range [lo, hi]. */
export function rampR(x: number, r: readonly [number, number]): number {
  return ramp(x, r[0], r[1]);
}

/**
 * Per-account features the rules and the graph read. Shares are of the account's inflow; the forwarding
 * shares (fast, hour, sixHour, day) are of its person-to-person inflow (card-to-card and phone transfers).
 */
export type Features = {
  uniquePayers24h: number;
  distinctPayers: number;
  payerBanks: number;
  p2pShare: number;
  purchaseInShare: number;
  cryptoInShare: number;
  passThrough: number;
  fastShare: number;
  hourShare: number;
  dayShare: number;
  sixHourShare: number;
  /** 1 for an account seen only briefly within the observation period, graded down to 0. */
  shortLife: number;
  cashCryptoOutShare: number;
  purchaseOutShare: number;
  nightShare: number;
  priceRangeShare: number;
  repeatShare: number;
  activeDays: number;
  lifetimeDays: number;
  isDormantBurst: boolean;
};

/** Observation period of the whole input, for lifetime features. */
export type Period = { start: number; end: number };

/** Features of one account over the observation period (`unusedLife` ramp and minimum credits from `short_life`). */
export function features(a: AccountState, period: Period, p: RuleParams = DEFAULT_RULES.p): Features {
  const inSum = a.inSum || 1;
  const p2p = a.inP2p || 1;
  const forwardedOut = a.outTransfer + a.outCash + a.outCrypto;
  const lifetime = Math.max(0, a.lastTs - a.firstTs);
  const span = Math.max(1, period.end - period.start);
  const isNew = a.firstTs - period.start > Math.min(DAY, span * 0.1);
  const isGone = period.end - a.lastTs > Math.min(DAY, span * 0.1);
  return {
    uniquePayers24h: a.maxUnique24h,
    distinctPayers: a.distinctPayers,
    payerBanks: a.payerBanks,
    p2pShare: a.inP2p / inSum,
    purchaseInShare: a.inPurchase / inSum,
    cryptoInShare: a.inCrypto / inSum,
    passThrough: Math.min(1, forwardedOut / inSum),
    fastShare: a.fwdFast / p2p,
    hourShare: a.fwdHour / p2p,
    dayShare: a.fwdDay / p2p,
    sixHourShare: a.fwdSlow / p2p,
    shortLife: a.inCount >= p.short_life.minCredits && (isNew || isGone) ? rampR(1 - lifetime / span, p.short_life.unusedLife) : 0,
    cashCryptoOutShare: a.outSum > 0 ? (a.outCash + a.outCrypto) / a.outSum : 0,
    purchaseOutShare: a.outSum > 0 ? a.outPurchase / a.outSum : 0,
    nightShare: a.inCount > 0 ? a.night / a.inCount : 0,
    priceRangeShare: a.inCount > 0 ? a.inRange / a.inCount : 0,
    repeatShare: a.inCount > 0 ? 1 - Math.min(a.inCount, a.distinctPayers) / a.inCount : 0,
    activeDays: a.creditDays,
    lifetimeDays: lifetime / DAY,
    isDormantBurst: a.burstAfterDormancy,
  };
}

/** The parts of the drop rule, each 0..1 (0 when its rule is disabled; gates are 1 when disabled). */
export type DropParts = {
  fanIn: number;
  speed: number;
  pass: number;
  conc: number;
  support: number;
  /** The pass_through `supported*` path's gate, 0..1 (0 when its parameters are absent). */
  supported: number;
  /** The fan_in `inflowOnly*` path's gate, 0..1 (0 when its parameters are absent). */
  inflowOnly: number;
  /** Per supporting rule, its 0..1 value (for the rules that fired). */
  supportParts: Partial<Record<RuleId, number>>;
  benign: number;
};

/** Evaluates the parts of the drop rule for one account. */
export function dropParts(f: Features, topShare: number, p: RuleParams = DEFAULT_RULES.p): DropParts {
  const fanIn = p.fan_in.on
    ? Math.max(rampR(f.uniquePayers24h, p.fan_in.uniquePayers24h), rampR(f.distinctPayers, p.fan_in.distinctPayers))
    : 1;
  const ff = p.fast_forward;
  const speed = ff.on ? Math.max(rampR(f.hourShare, ff.hourShare), ff.sixHourWeight * rampR(f.sixHourShare, ff.sixHourShare)) : 0;
  const pass = p.pass_through.on ? rampR(f.passThrough, p.pass_through.passThrough) : 0;
  const conc = p.concentration.on ? rampR(topShare, p.concentration.topShare) : 0;
  const supportParts: Partial<Record<RuleId, number>> = {};
  let num = 0;
  let den = 0;
  const add = (id: RuleId, on: boolean, weight: number, x: number) => {
    if (!on) return;
    supportParts[id] = x;
    num += weight * x;
    den += weight;
  };
  add('p2p_channels', p.p2p_channels.on, p.p2p_channels.weight, rampR(f.p2pShare, p.p2p_channels.p2pShare));
  add('many_banks', p.many_banks.on, p.many_banks.weight, rampR(f.payerBanks, p.many_banks.payerBanks));
  add('price_amounts', p.price_amounts.on, p.price_amounts.weight, rampR(f.priceRangeShare, p.price_amounts.priceRangeShare));
  add('short_life', p.short_life.on, p.short_life.weight, Math.max(f.shortLife, f.isDormantBurst ? 1 : 0));
  add('night', p.night.on, p.night.weight, rampR(f.nightShare, p.night.nightShare));
  add('few_repeat_payers', p.few_repeat_payers.on, p.few_repeat_payers.weight, rampR(1 - f.repeatShare, p.few_repeat_payers.newPayerShare));
  const mi = p.merchant_inflow;
  const benign = mi.on ? 1 - mi.purchaseWeight * f.purchaseInShare - mi.cryptoWeight * f.cryptoInShare : 1;
  const support = den > 0 ? num / den : 0;
  // v2 paths (off when their parameters are absent): strong support, and some credits at night (group
  // collections, which look alike, happen by day); slow forwarding must still leave within a day.
  const pt = p.pass_through;
  const supported =
    pt.on && pt.supportedSupport && pt.supportedDayShare && pt.supportedNightShare
      ? rampR(support, pt.supportedSupport) * rampR(f.dayShare, pt.supportedDayShare) * rampR(f.nightShare, pt.supportedNightShare)
      : 0;
  const fi = p.fan_in;
  const inflowOnly =
    fi.on && fi.inflowOnlySupport && fi.inflowOnlyNightShare
      ? rampR(support, fi.inflowOnlySupport) * rampR(f.nightShare, fi.inflowOnlyNightShare)
      : 0;
  return { fanIn, speed, pass, conc, support, supported, inflowOnly, supportParts, benign };
}

/**
 * Drop-likeness from the account's own behaviour (0..1): fan-in from many payers is required, fast
 * pass-through of most of the money weighs most, and the rest (P2P channels, many payer banks, price-like
 * amounts, short life, night, few repeat payers) supports. `topShare` is the share of forwarded money that
 * went to the biggest recipient. Weights and ramps come from the rule set.
 */
export function dropScore(f: Features, topShare: number, p: RuleParams = DEFAULT_RULES.p): number {
  return dropFromParts(dropParts(f, topShare, p), p);
}

/** Combines the parts of the drop rule into its score. */
export function dropFromParts(d: DropParts, p: RuleParams = DEFAULT_RULES.p): number {
  if (d.fanIn === 0) return 0;
  const wp = p.pass_through.timedWeight;
  const wc = p.concentration.timedWeight;
  // Timing is the core: most money must leave soon after it arrives. Without it, only the pattern counts.
  const timed = d.speed * (1 - wp - wc + wp * d.pass + wc * d.conc);
  const pattern = d.pass * d.conc * d.support;
  const base = Math.sqrt(d.fanIn) * (0.75 * timed + 0.25 * pattern) * (0.6 + 0.5 * d.support);
  // Slow or split forwarding: pass-through with strong support alone (rule set v2; off when not set).
  const supported = Math.sqrt(d.fanIn) * d.pass * d.supported;
  // A collecting alias: fan-in with near-unanimous support and no forwarding of its own (v2; off when not set).
  const inflow = d.fanIn * d.inflowOnly;
  return Math.max(0, Math.min(1, Math.max(base, supported, inflow) * Math.max(0, d.benign)));
}

/** Ids of the drop-rule parts that fired (value ≥ 0.5) for an account with a positive drop score. */
export function firedDropRules(d: DropParts, p: RuleParams = DEFAULT_RULES.p): RuleId[] {
  const out: RuleId[] = [];
  if (p.fan_in.on && d.fanIn >= 0.5) out.push('fan_in');
  if (d.speed >= 0.5) out.push('fast_forward');
  if (d.pass >= 0.5) out.push('pass_through');
  if (d.conc >= 0.5) out.push('concentration');
  for (const [id, x] of Object.entries(d.supportParts) as [RuleId, number][]) if (x >= 0.5) out.push(id);
  if (p.merchant_inflow.on && d.benign < 0.75) out.push('merchant_inflow');
  return out;
}

/** Cash-out-likeness from behaviour alone: most money leaves as cash or crypto, little is spent. */
export function cashoutBehaviour(f: Features, p: RuleParams = DEFAULT_RULES.p): number {
  const c = p.cashout_behaviour;
  if (!c.on) return 0;
  return rampR(f.cashCryptoOutShare, c.cashCryptoOutShare) * rampR(f.passThrough, c.passThrough) * (1 - f.cryptoInShare);
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** Reasons an analyst can check, strongest first (at most `max`). */
export function behaviourReasons(
  f: Features,
  top: { label: string; share: number } | null,
  max = 4,
  p: RuleParams = DEFAULT_RULES.p,
): string[] {
  const r: [number, string][] = [];
  if (f.uniquePayers24h >= p.fan_in.reasonMinUnique24h) r.push([f.uniquePayers24h, `${f.uniquePayers24h} unique payers in 24h`]);
  else if (f.distinctPayers >= p.fan_in.reasonMinDistinct) r.push([f.distinctPayers / 2, `${f.distinctPayers} distinct payers`]);
  if (f.hourShare >= p.fast_forward.reasonMinHourShare) {
    const to = top && top.share >= 0.5 ? ` (${pct(top.share)} of it to ${top.label})` : '';
    const within = f.fastShare >= 0.5 * f.hourShare ? `within ${WINDOW.fastMs / 60000} min` : 'within 1 h';
    r.push([40 * f.hourShare, `${pct(f.fastShare >= 0.5 * f.hourShare ? f.fastShare : f.hourShare)} of inflow forwarded ${within}${to}`]);
  } else if (f.sixHourShare >= p.fast_forward.reasonMinSixHourShare)
    r.push([25 * f.sixHourShare, `${pct(f.sixHourShare)} of inflow forwarded within 6 h`]);
  else if (f.passThrough >= p.pass_through.reasonMin) r.push([20, `${pct(f.passThrough)} of inflow transferred out`]);
  if (f.cashCryptoOutShare >= p.cashout_behaviour.reasonMin)
    r.push([30 * f.cashCryptoOutShare, `${pct(f.cashCryptoOutShare)} of outflow as cash or crypto`]);
  if (f.payerBanks >= p.many_banks.reasonMin) r.push([f.payerBanks, `payers at ${f.payerBanks} banks`]);
  if (f.shortLife > p.short_life.reasonMin)
    r.push([
      8,
      `short-lived: active ${f.lifetimeDays < 1 ? `${Math.max(1, Math.round(f.lifetimeDays * 24))} h` : `${f.lifetimeDays.toFixed(1)} days`}`,
    ]);
  if (f.isDormantBurst) r.push([8, 'fan-in right after 2+ weeks of dormancy']);
  if (f.nightShare >= p.night.reasonMin) r.push([6, `${pct(f.nightShare)} of credits at night (00–06)`]);
  return r
    .sort((a, b) => b[0] - a[0])
    .slice(0, max)
    .map((x) => x[1]);
}
