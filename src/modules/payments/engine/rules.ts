import { WINDOW, type AccountState } from './state.ts';

const DAY = 86_400_000;

/** Linear ramp: 0 at or below `lo`, 1 at or above `hi`. */
export function ramp(x: number, lo: number, hi: number): number {
  if (!(x > lo)) return 0;
  if (x >= hi) return 1;
  return (x - lo) / (hi - lo);
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

export function features(a: AccountState, period: Period): Features {
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
    shortLife: a.inCount >= 5 && (isNew || isGone) ? ramp(1 - lifetime / span, 0.4, 0.85) : 0,
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

/**
 * Drop-likeness from the account's own behaviour (0..1): fan-in from many payers is required, fast
 * pass-through of most of the money weighs most, and the rest (P2P channels, many payer banks, price-like
 * amounts, short life, night, few repeat payers) supports. `topShare` is the share of forwarded money that
 * went to the biggest recipient.
 */
export function dropScore(f: Features, topShare: number): number {
  const fanIn = Math.max(ramp(f.uniquePayers24h, 3, 10), ramp(f.distinctPayers, 5, 20));
  if (fanIn === 0) return 0;
  const speed = Math.max(ramp(f.hourShare, 0.2, 0.6), 0.7 * ramp(f.sixHourShare, 0.5, 0.9));
  const pass = ramp(f.passThrough, 0.5, 0.85);
  const conc = ramp(topShare, 0.35, 0.75);
  const support =
    (ramp(f.p2pShare, 0.4, 0.85) +
      ramp(f.payerBanks, 2, 6) +
      ramp(f.priceRangeShare, 0.5, 0.9) +
      Math.max(f.shortLife, f.isDormantBurst ? 1 : 0) +
      0.5 * ramp(f.nightShare, 0.1, 0.3) +
      ramp(1 - f.repeatShare, 0.5, 0.85)) /
    5.5;
  // Timing is the core: most money must leave soon after it arrives. Without it, only the pattern counts.
  const timed = speed * (0.5 + 0.25 * pass + 0.25 * conc);
  const pattern = pass * conc * support;
  const benign = 1 - 0.8 * f.purchaseInShare - 0.8 * f.cryptoInShare;
  return Math.max(0, Math.min(1, Math.sqrt(fanIn) * (0.75 * timed + 0.25 * pattern) * (0.6 + 0.5 * support) * benign));
}

/** Cash-out-likeness from behaviour alone: most money leaves as cash or crypto, little is spent. */
export function cashoutBehaviour(f: Features): number {
  return ramp(f.cashCryptoOutShare, 0.4, 0.8) * ramp(f.passThrough, 0.4, 0.8) * (1 - f.cryptoInShare);
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** Reasons an analyst can check, strongest first (at most `max`). */
export function behaviourReasons(f: Features, top: { label: string; share: number } | null, max = 4): string[] {
  const r: [number, string][] = [];
  if (f.uniquePayers24h >= 5) r.push([f.uniquePayers24h, `${f.uniquePayers24h} unique payers in 24h`]);
  else if (f.distinctPayers >= 8) r.push([f.distinctPayers / 2, `${f.distinctPayers} distinct payers`]);
  if (f.hourShare >= 0.3) {
    const to = top && top.share >= 0.5 ? ` (${pct(top.share)} of it to ${top.label})` : '';
    const within = f.fastShare >= 0.5 * f.hourShare ? `within ${WINDOW.fastMs / 60000} min` : 'within 1 h';
    r.push([40 * f.hourShare, `${pct(f.fastShare >= 0.5 * f.hourShare ? f.fastShare : f.hourShare)} of inflow forwarded ${within}${to}`]);
  } else if (f.sixHourShare >= 0.5) r.push([25 * f.sixHourShare, `${pct(f.sixHourShare)} of inflow forwarded within 6 h`]);
  else if (f.passThrough >= 0.7) r.push([20, `${pct(f.passThrough)} of inflow transferred out`]);
  if (f.cashCryptoOutShare >= 0.4) r.push([30 * f.cashCryptoOutShare, `${pct(f.cashCryptoOutShare)} of outflow as cash or crypto`]);
  if (f.payerBanks >= 4) r.push([f.payerBanks, `payers at ${f.payerBanks} banks`]);
  if (f.shortLife > 0.5)
    r.push([
      8,
      `short-lived: active ${f.lifetimeDays < 1 ? `${Math.max(1, Math.round(f.lifetimeDays * 24))} h` : `${f.lifetimeDays.toFixed(1)} days`}`,
    ]);
  if (f.isDormantBurst) r.push([8, 'fan-in right after 2+ weeks of dormancy']);
  if (f.nightShare >= 0.2) r.push([6, `${pct(f.nightShare)} of credits at night (00–06)`]);
  return r
    .sort((a, b) => b[0] - a[0])
    .slice(0, max)
    .map((x) => x[1]);
}
