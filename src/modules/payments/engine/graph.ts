import type { EdgeStore } from './state.ts';
import { CH } from './types.ts';
import { DEFAULT_RULES, type RuleParams } from './rule-set.ts';
import { rampR, type Features } from './rules.ts';

const PURCHASE_BIT = 1 << CH.card_purchase;

/** Compressed adjacency (both directions) over the aggregated edges that move money between people. */
export type FlowGraph = {
  n: number;
  outStart: Int32Array;
  outEdge: Int32Array;
  inStart: Int32Array;
  inEdge: Int32Array;
  edges: EdgeStore;
};

/** Builds the flow graph; pure card purchases (spending) are left out. */
export function buildGraph(n: number, edges: EdgeStore): FlowGraph {
  const outDeg = new Int32Array(n + 1);
  const inDeg = new Int32Array(n + 1);
  const keep = (e: number) => (edges.chan[e] as number) !== PURCHASE_BIT;
  for (let e = 0; e < edges.size; e++) {
    if (!keep(e)) continue;
    const so = (edges.src[e] as number) + 1;
    const di = (edges.dst[e] as number) + 1;
    outDeg[so] = (outDeg[so] as number) + 1;
    inDeg[di] = (inDeg[di] as number) + 1;
  }
  for (let i = 0; i < n; i++) {
    outDeg[i + 1] = (outDeg[i + 1] as number) + (outDeg[i] as number);
    inDeg[i + 1] = (inDeg[i + 1] as number) + (inDeg[i] as number);
  }
  const outEdge = new Int32Array(outDeg[n] as number);
  const inEdge = new Int32Array(inDeg[n] as number);
  const oPos = outDeg.slice(0, n);
  const iPos = inDeg.slice(0, n);
  for (let e = 0; e < edges.size; e++) {
    if (!keep(e)) continue;
    const s = edges.src[e] as number;
    const d = edges.dst[e] as number;
    const po = oPos[s] as number;
    const pi = iPos[d] as number;
    oPos[s] = po + 1;
    iPos[d] = pi + 1;
    outEdge[po] = e;
    inEdge[pi] = e;
  }
  return { n, outStart: outDeg, outEdge, inStart: inDeg, inEdge, edges };
}

/**
 * Biggest recipient of money sent out (non-purchase): its index and share of that outflow. `knownTotal`
 * is the account's own person-to-person outflow (exact when cold edges were evicted from the graph).
 */
export function topRecipient(g: FlowGraph, v: number, knownTotal = 0): { to: number; share: number; total: number } {
  let best = -1;
  let bestSum = 0;
  let total = 0;
  for (let k = g.outStart[v] as number; k < (g.outStart[v + 1] as number); k++) {
    const e = g.outEdge[k] as number;
    const s = g.edges.sum[e] as number;
    total += s;
    if (s > bestSum) {
      bestSum = s;
      best = g.edges.dst[e] as number;
    }
  }
  total = Math.max(total, knownTotal);
  return { to: best, share: total > 0 ? bestSum / total : 0, total };
}

export type RoleScores = { drop: Float64Array; collector: Float64Array; cashout: Float64Array; owner: Float64Array; illicit: Float64Array };

/**
 * Structure from seeds: collectors receive from several drop-like accounts and pass the money on;
 * cash-out accounts receive illicit money and leave with cash or crypto; shop owners receive from
 * collectors and keep it. Iterated a few times so that each layer feeds the next.
 */
export function structuralRoles(
  g: FlowGraph,
  inSum: Float64Array,
  feats: readonly Features[],
  /** Behavioural drop scores (the account's own conduct). */
  dropBehaviour: Float64Array,
  seed: Float64Array,
  cashoutBehaviour: Float64Array,
  p: RuleParams = DEFAULT_RULES.p,
  /** Per-account person-to-person outflow (exact when edges were evicted); the larger total counts. */
  outFlow?: Float64Array,
): RoleScores {
  const { collector: pc, cashout_flow: pf, shop_owner: po, destination: pd, feeder: pe } = p;
  const n = g.n;
  const { edges } = g;
  const drop = new Float64Array(n);
  const collector = new Float64Array(n);
  const cashout = new Float64Array(n);
  const owner = new Float64Array(n);
  const illicit = new Float64Array(n);
  const at = (a: Float64Array, i: number) => a[i] as number;
  for (let v = 0; v < n; v++) illicit[v] = Math.max(at(dropBehaviour, v), at(seed, v));
  for (let round = 0; round < 3; round++) {
    const prev = illicit.slice();
    for (let v = 0; v < n; v++) {
      const f = feats[v] as Features;
      const total = at(inSum, v);
      if (total <= 0 || f.cryptoInShare >= 0.5) continue;
      let illIn = 0;
      let dropSources = 0;
      let fromCollectors = 0;
      let collectorCredits = 0;
      for (let k = at2(g.inStart, v); k < at2(g.inStart, v + 1); k++) {
        const e = at2(g.inEdge, k);
        const u = at2(edges.src, e);
        const s = at(edges.sum, e);
        illIn += s * at(prev, u);
        const d = Math.max(at(dropBehaviour, u), at(seed, u));
        if (d >= pc.dropSourceMin) dropSources += d;
        const c = Math.max(at(collector, u), at(cashout, u));
        if (c >= po.collectorMin) {
          fromCollectors += s * c;
          collectorCredits += at2(edges.count, e);
        }
      }
      const illShare = illIn / total;
      // Where the money goes: drops of one shop share collectors, so a drop-like account whose money
      // lands at a collector-like account is far more telling than one paying a merchant or a person.
      let toCollectors = 0;
      let fastToCollectors = 0;
      let outTotal = 0;
      for (let k = at2(g.outStart, v); k < at2(g.outStart, v + 1); k++) {
        const e = at2(g.outEdge, k);
        const w = at2(edges.dst, e);
        const c = Math.max(at(collector, w), at(cashout, w), at(seed, w));
        outTotal += at(edges.sum, e);
        toCollectors += at(edges.sum, e) * c;
        fastToCollectors += at(edges.fast, e) * c;
      }
      outTotal = Math.max(outTotal, outFlow?.[v] ?? 0);
      const destination = !pd.on ? 1 : outTotal > 0 ? rampR(toCollectors / outTotal, pd.toCollectorsShare) : 0;
      // Feeder drops: small or short-lived accounts that pass their inflow on within the hour to a collector.
      const feeder = pe.on ? rampR(fastToCollectors / total, pe.fastToCollectorsShare) * rampR(f.distinctPayers, pe.distinctPayers) : 0;
      drop[v] = Math.max(feeder, at(dropBehaviour, v) * (pd.base + (1 - pd.base) * destination));
      collector[v] = pc.on
        ? rampR(dropSources, pc.dropSources) * rampR(illShare, pc.illicitShare) * rampR(f.passThrough, pc.passThrough)
        : 0;
      cashout[v] = pf.on
        ? rampR(illShare, pf.illicitShare) * rampR(f.cashCryptoOutShare, pf.cashCryptoOutShare) * rampR(f.passThrough, pc.passThrough)
        : 0;
      // Owners take a cut from collectors and keep or spend it rather than passing it straight on.
      owner[v] = po.on
        ? rampR(fromCollectors / total, po.fromCollectorsShare) *
          rampR(collectorCredits, po.collectorCredits) *
          (1 - po.passThroughWeight * rampR(f.passThrough, po.passThrough))
        : 0;
      const cb = at(cashoutBehaviour, v);
      if (pf.on && cb > 0 && illShare > 0) cashout[v] = Math.max(at(cashout, v), cb * rampR(illShare, pf.behaviourIllicitShare));
      illicit[v] = Math.max(at(drop, v), at(seed, v), at(collector, v), at(cashout, v), at(owner, v));
    }
  }
  return { drop, collector, cashout, owner, illicit };
}

const at2 = (a: Int32Array, i: number) => a[i] as number;

/**
 * Personalised PageRank from seed weights over the flow graph, amount-weighted; money-forward edges carry
 * `forward` of the walk and reverse edges the rest, so both the sources and the destinations of seed money
 * gain rank. Returns the rank divided by the uniform rank (1 = average).
 */
export function personalisedPageRank(
  g: FlowGraph,
  seeds: Float64Array,
  /** Money on evicted edges per account: the walk's share along them leaves (as it would have, to benign ends). */
  evicted?: { out: Float64Array; in: Float64Array },
  iterations = 20,
  restart = 0.2,
  forward = 0.7,
): Float64Array {
  const n = g.n;
  const { edges } = g;
  let seedTotal = 0;
  for (let v = 0; v < n; v++) seedTotal += seeds[v] as number;
  const rank = new Float64Array(n);
  if (seedTotal <= 0) return rank;
  const base = new Float64Array(n);
  for (let v = 0; v < n; v++) base[v] = (seeds[v] as number) / seedTotal;
  const outW = new Float64Array(n);
  const inW = new Float64Array(n);
  for (let e = 0; e < edges.size; e++) {
    if ((edges.chan[e] as number) === PURCHASE_BIT) continue;
    const so = edges.src[e] as number;
    const di = edges.dst[e] as number;
    outW[so] = (outW[so] as number) + (edges.sum[e] as number);
    inW[di] = (inW[di] as number) + (edges.sum[e] as number);
  }
  if (evicted)
    for (let v = 0; v < n; v++) {
      outW[v] = (outW[v] as number) + (evicted.out[v] ?? 0);
      inW[v] = (inW[v] as number) + (evicted.in[v] ?? 0);
    }
  rank.set(base);
  let next = new Float64Array(n);
  let cur = rank;
  for (let it = 0; it < iterations; it++) {
    next.fill(0);
    for (let v = 0; v < n; v++) {
      const r = cur[v] as number;
      if (r === 0) continue;
      const o = outW[v] as number;
      const i = inW[v] as number;
      const fw = o > 0 ? (i > 0 ? forward : 1) : 0;
      const bw = i > 0 ? 1 - fw : 0;
      for (let k = g.outStart[v] as number; k < (g.outStart[v + 1] as number) && fw > 0; k++) {
        const e = g.outEdge[k] as number;
        const t = edges.dst[e] as number;
        next[t] = (next[t] as number) + ((1 - restart) * r * fw * (edges.sum[e] as number)) / o;
      }
      for (let k = g.inStart[v] as number; k < (g.inStart[v + 1] as number) && bw > 0; k++) {
        const e = g.inEdge[k] as number;
        const t = edges.src[e] as number;
        next[t] = (next[t] as number) + ((1 - restart) * r * bw * (edges.sum[e] as number)) / i;
      }
    }
    for (let v = 0; v < n; v++) next[v] = (next[v] as number) + restart * (base[v] as number);
    const t = cur;
    cur = next;
    next = t;
  }
  for (let v = 0; v < n; v++) cur[v] = (cur[v] as number) * n;
  return cur;
}

/** Hops (≤ maxHops, either direction) from the nearest seed and which seed; -1 when farther. */
export function hopsFrom(g: FlowGraph, isSeed: (v: number) => boolean, maxHops = 2): { hops: Int8Array; via: Int32Array } {
  const hops = new Int8Array(g.n).fill(-1);
  const via = new Int32Array(g.n).fill(-1);
  let frontier: number[] = [];
  for (let v = 0; v < g.n; v++)
    if (isSeed(v)) {
      hops[v] = 0;
      via[v] = v;
      frontier.push(v);
    }
  for (let h = 1; h <= maxHops && frontier.length > 0; h++) {
    const nextF: number[] = [];
    for (const v of frontier) {
      const visit = (u: number) => {
        if (hops[u] !== -1) return;
        hops[u] = h;
        via[u] = via[v] as number;
        nextF.push(u);
      };
      for (let k = g.outStart[v] as number; k < (g.outStart[v + 1] as number); k++) visit(g.edges.dst[g.outEdge[k] as number] as number);
      for (let k = g.inStart[v] as number; k < (g.inStart[v + 1] as number); k++) visit(g.edges.src[g.inEdge[k] as number] as number);
    }
    frontier = nextF;
  }
  return { hops, via };
}

const P2P_BITS = (1 << CH.card_p2p) | (1 << CH.phone_transfer);

/**
 * Shared customers: for every account, its distinct person-to-person payers and how many of them also
 * paid an account in `isSeed` (flagged drops). A shop's buyers follow it from one drop to the next, so a
 * new drop's payers are largely the old drops' payers; a taxi driver's or a tutor's are not.
 */
export function sharedPayers(g: FlowGraph, isSeed: (v: number) => boolean): { payers: Int32Array; shared: Int32Array } {
  const { n, edges: ed } = g;
  const paidSeed = new Uint8Array(n);
  for (let v = 0; v < n; v++) {
    if (!isSeed(v)) continue;
    for (let k = g.inStart[v] as number; k < (g.inStart[v + 1] as number); k++) {
      const e = g.inEdge[k] as number;
      if (((ed.chan[e] as number) & P2P_BITS) !== 0) paidSeed[ed.src[e] as number] = 1;
    }
  }
  const payers = new Int32Array(n);
  const shared = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    let all = 0;
    let both = 0;
    for (let k = g.inStart[v] as number; k < (g.inStart[v + 1] as number); k++) {
      const e = g.inEdge[k] as number;
      if (((ed.chan[e] as number) & P2P_BITS) === 0) continue;
      all++;
      if (paidSeed[ed.src[e] as number] === 1) both++;
    }
    payers[v] = all;
    shared[v] = both;
  }
  return { payers, shared };
}

/**
 * Money an account receives from accounts in `isSeed` (flagged drops): how many of them send to it, and
 * their share of its person-to-person inflow (pure purchases are not in the graph).
 */
export function inflowFrom(g: FlowGraph, isSeed: (v: number) => boolean): { senders: Int32Array; share: Float64Array } {
  const { n, edges: ed } = g;
  const senders = new Int32Array(n);
  const share = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    let all = 0;
    let seeded = 0;
    let count = 0;
    for (let k = g.inStart[v] as number; k < (g.inStart[v + 1] as number); k++) {
      const e = g.inEdge[k] as number;
      const amount = ed.sum[e] as number;
      all += amount;
      if (isSeed(ed.src[e] as number)) {
        seeded += amount;
        count++;
      }
    }
    senders[v] = count;
    share[v] = all > 0 ? seeded / all : 0;
  }
  return { senders, share };
}
