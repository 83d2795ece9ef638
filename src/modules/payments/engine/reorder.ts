import type { Tx } from './types.ts';

function before(a: Tx, b: Tx): boolean {
  return a.ts < b.ts || (a.ts === b.ts && a.id < b.id);
}

/**
 * Bounded reorder buffer: a min-heap on (timestamp, tx id). Transactions leave in time order once the
 * buffer holds more than `capacity`, or on `drain()`. Input that is out of order by less than `capacity`
 * rows therefore gives exactly the order of sorted input; a row older than the last one released is
 * "late" and is handed on at once, flagged, so it still counts in the aggregates.
 */
export class ReorderBuffer {
  private readonly heap: Tx[] = [];
  private lastTs = -Infinity;
  lateCount = 0;
  constructor(
    private readonly capacity: number,
    private readonly emit: (tx: Tx, isLate: boolean) => void,
  ) {}

  get size(): number {
    return this.heap.length;
  }

  push(tx: Tx): void {
    if (tx.ts < this.lastTs) {
      this.lateCount++;
      this.emit(tx, true);
      return;
    }
    const h = this.heap;
    h.push(tx);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(tx, h[p] as Tx)) break;
      h[i] = h[p] as Tx;
      i = p;
    }
    h[i] = tx;
    while (h.length > this.capacity) this.release();
  }

  /** Releases everything in time order (end of input, or a caller's flush). */
  drain(): void {
    while (this.heap.length > 0) this.release();
  }

  private release(): void {
    const h = this.heap;
    const top = h[0] as Tx;
    const last = h.pop() as Tx;
    if (h.length > 0) {
      let i = 0;
      const n = h.length;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && before(h[r] as Tx, h[l] as Tx) ? r : l;
        if (!before(h[c] as Tx, last)) break;
        h[i] = h[c] as Tx;
        i = c;
      }
      h[i] = last;
    }
    this.lastTs = top.ts;
    this.emit(top, false);
  }
}

function idHash(id: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    a = Math.imul(a ^ c, 16777619);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0) * 2097152 + ((b >>> 0) & 0x1fffff);
}

/**
 * Remembers recent transaction ids (53-bit hashes) in a few generations; the oldest generation is
 * dropped when the newest fills, so memory is bounded by `generations × generationSize` ids.
 */
export class DedupIndex {
  private readonly gens: Set<number>[] = [new Set()];
  constructor(
    private readonly generationSize = 1 << 17,
    private readonly generations = 4,
  ) {}

  /** True when the id was seen before (and so the row must not count again). */
  seen(id: string): boolean {
    const h = idHash(id);
    for (const g of this.gens) if (g.has(h)) return true;
    let cur = this.gens[this.gens.length - 1] as Set<number>;
    if (cur.size >= this.generationSize) {
      cur = new Set();
      this.gens.push(cur);
      if (this.gens.length > this.generations) this.gens.shift();
    }
    cur.add(h);
    return false;
  }

  get size(): number {
    let n = 0;
    for (const g of this.gens) n += g.size;
    return n;
  }
}
