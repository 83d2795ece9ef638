/**
 * Parameter ranges of the payments simulator. Each shop and each look-alike draws its own values from
 * these ranges, so one run already mixes many behaviours. `default` is the profile the engine was tuned
 * on; `alt` is a differently parameterised "independent-style" profile kept for evaluation only.
 */
export type Range = readonly [number, number];

export type SimProfile = {
  /** Share of persons who buy drugs now and then; purchases per buyer per month. */
  buyerShare: number;
  buysPerMonth: Range;
  /** Sales per shop per day. */
  salesPerDay: Range;
  /** Drop lifetime in hours. */
  dropLifeHours: Range;
  /** Drops active at once per shop. */
  concurrentDrops: Range;
  /** Drop forwarding delay after a credit, minutes; share of drops that batch instead (every N hours). */
  forwardDelayMin: Range;
  batchShare: number;
  batchEveryHours: Range;
  /** Share kept by a drop as its fee. */
  dropFee: Range;
  /** Share of drops that are recruited ordinary accounts that keep their everyday spending. */
  recruitedShare: number;
  phoneShare: Range;
  nightWeight: Range;
  collectorsPerShop: Range;
  cashoutsPerShop: Range;
  /** Collector forwarding cadence (hours) and its split to crypto directly. */
  collectorEveryHours: Range;
  collectorCryptoShare: Range;
  ownerShare: Range;
  /** Look-alike shares of all accounts. */
  merchantShare: number;
  taxiShare: number;
  tutorShare: number;
  charityShare: number;
  sellerShare: number;
  /** Share of sellers that forward each sale within hours (deliberately hard). */
  hardSellerShare: number;
  /** Share of merchants that take card-to-card/phone payments instead of card purchases. */
  merchantP2pShare: number;
  banks: number;
};

export const PROFILES: Record<'default' | 'alt', SimProfile> = {
  default: {
    buyerShare: 0.08,
    buysPerMonth: [1, 8],
    salesPerDay: [10, 60],
    dropLifeHours: [6, 96],
    concurrentDrops: [1, 3],
    forwardDelayMin: [1, 30],
    batchShare: 0.2,
    batchEveryHours: [1, 4],
    dropFee: [0.02, 0.1],
    recruitedShare: 0.25,
    phoneShare: [0.2, 0.7],
    nightWeight: [0.5, 2],
    collectorsPerShop: [1, 3],
    cashoutsPerShop: [1, 2],
    collectorEveryHours: [1, 8],
    collectorCryptoShare: [0, 0.5],
    ownerShare: [0.05, 0.3],
    merchantShare: 0.03,
    taxiShare: 0.015,
    tutorShare: 0.008,
    charityShare: 0.003,
    sellerShare: 0.015,
    hardSellerShare: 0.15,
    merchantP2pShare: 0.4,
    banks: 14,
  },
  alt: {
    buyerShare: 0.05,
    buysPerMonth: [1, 4],
    salesPerDay: [5, 25],
    dropLifeHours: [3, 240],
    concurrentDrops: [1, 2],
    forwardDelayMin: [0.2, 55],
    batchShare: 0.4,
    batchEveryHours: [0.5, 6],
    dropFee: [0, 0.15],
    recruitedShare: 0.4,
    phoneShare: [0.5, 0.95],
    nightWeight: [0.2, 1],
    collectorsPerShop: [1, 2],
    cashoutsPerShop: [1, 3],
    collectorEveryHours: [0.5, 24],
    collectorCryptoShare: [0.2, 0.9],
    ownerShare: [0.02, 0.15],
    merchantShare: 0.05,
    taxiShare: 0.03,
    tutorShare: 0.01,
    charityShare: 0.005,
    sellerShare: 0.03,
    hardSellerShare: 0.3,
    merchantP2pShare: 0.7,
    banks: 8,
  },
};
