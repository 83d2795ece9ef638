/**
 * Seeded pseudo-random numbers for demo data.
 *
 * Generator: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, 128-bit state), seeded by the
 * cyrb128 string hash. Both use only 32-bit integer arithmetic (`Math.imul`, `>>>`), so a seed yields the
 * same sequence on every machine and Node version. Nothing here reads Math.random or the clock.
 */

export type Rng = {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [min, maxInclusive]; both must be safe integers with min <= maxInclusive. */
  int(min: number, maxInclusive: number): number;
  /** One element, uniformly; throws on an empty list. */
  pick<T>(items: readonly T[]): T;
  /** One element with probability proportional to its (non-negative, finite) weight. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** True with probability p (default 0.5). */
  bool(p?: number): boolean;
  /**
   * An independent stream derived from this generator's seed and `label` only: it does not depend on
   * how many numbers were already drawn here, and drawing from it leaves this stream untouched. The
   * same label always gives the same stream, so give each concern its own label.
   */
  fork(label: string): Rng;
};

const TWO_POW_32 = 4294967296;

// cyrb128 (public domain, bryc): a fast 128-bit non-cryptographic hash of a UTF-16 string.
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** Returns a function yielding uniform 32-bit unsigned integers. */
function sfc32(seed: readonly [number, number, number, number]): () => number {
  let [a, b, c, d] = seed;
  const nextU32 = (): number => {
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Warm-up: the first outputs of sfc32 still correlate with the seed words.
  for (let i = 0; i < 15; i++) nextU32();
  return nextU32;
}

function seedKey(seed: string | number): string {
  if (typeof seed === 'number') {
    if (!Number.isFinite(seed)) throw new Error(`createRng: numeric seed must be finite, got ${seed}`);
    // Numbers seed through their decimal text, so createRng(42) and createRng('42') are the same stream.
    return String(seed);
  }
  if (typeof seed !== 'string') throw new Error('createRng: seed must be a string or a number');
  return seed;
}

function makeRng(key: string): Rng {
  const nextU32 = sfc32(cyrb128(key));
  const next = (): number => nextU32() / TWO_POW_32;

  const int = (min: number, maxInclusive: number): number => {
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(maxInclusive)) {
      throw new Error(`Rng.int: bounds must be safe integers, got ${min} and ${maxInclusive}`);
    }
    if (min > maxInclusive) throw new Error(`Rng.int: min ${min} is greater than max ${maxInclusive}`);
    const span = maxInclusive - min + 1;
    if (span <= TWO_POW_32) return min + Math.floor(next() * span);
    // Wide ranges: 53 random bits from two draws.
    const wide = (nextU32() * 2097152 + (nextU32() >>> 11)) / 9007199254740992;
    return min + Math.floor(wide * span);
  };

  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new Error('Rng.pick: cannot pick from an empty list');
    return items[Math.floor(next() * items.length)] as T;
  };

  const weighted = <T>(items: readonly (readonly [T, number])[]): T => {
    let total = 0;
    for (const [, weight] of items) {
      if (!Number.isFinite(weight) || weight < 0) {
        throw new Error(`Rng.weighted: weights must be finite and non-negative, got ${weight}`);
      }
      total += weight;
    }
    if (total <= 0) throw new Error('Rng.weighted: needs at least one positive weight');
    let target = next() * total;
    let lastPositive: T | undefined;
    for (const [item, weight] of items) {
      if (weight <= 0) continue;
      if (target < weight) return item;
      target -= weight;
      lastPositive = item;
    }
    // Only reachable through floating-point rounding at the very top of the range.
    return lastPositive as T;
  };

  const bool = (p = 0.5): boolean => {
    if (!(p >= 0 && p <= 1)) throw new Error(`Rng.bool: probability must be within [0, 1], got ${p}`);
    return next() < p;
  };

  // Length-prefixing the label keeps derivation injective: fork('a/b') never equals fork('a').fork('b').
  const fork = (label: string): Rng => makeRng(`${key}\u0000${label.length}:${label}`);

  return { next, int, pick, weighted, bool, fork };
}

/** A deterministic generator: the same seed gives the same sequence on every run and machine. */
export function createRng(seed: string | number): Rng {
  return makeRng(seedKey(seed));
}
