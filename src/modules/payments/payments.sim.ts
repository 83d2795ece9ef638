import { createRng, type Rng } from '../../kernel/synthetic/index.ts';
import type { Channel, Role } from './engine/types.ts';
import { LookAlikes } from './payments.sim-lookalikes.ts';
import { PROFILES, type Range, type SimProfile } from './payments.sim-profiles.ts';

/**
 * Labelled synthetic card/phone payment traffic: ordinary people, merchants, salaries, family transfers,
 * and the look-alikes (taxi drivers, tutors, charities, marketplace sellers), plus drug shops with
 * rotating drops, collectors, cash-out accounts and owners. Deterministic by seed; generated day by day
 * so that memory does not grow with the number of days. All identifiers are invented ("99…" cards,
 * "+77990…" phones, "ACC…" accounts).
 */
export type SimOptions = { accounts: number; days: number; shops: number; seed: string; noise?: boolean; profile?: 'default' | 'alt' };
export type SimLabel = { account: string; role: Role | 'benign'; subtype: string };
export type SimSink = { row(line: string): void; label(l: SimLabel): void };
export type SimSummary = { rows: number; badRows: number; duplicates: number; accounts: number; illicit: number };

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const TZ = 5 * HOUR;
const START = Date.UTC(2025, 8, 1) - TZ;
const BANKS = [
  'HALYK',
  'KASPI',
  'FORTE',
  'JUSAN',
  'BCC',
  'FREEDOM',
  'BEREKE',
  'HOME',
  'EURASIAN',
  'RBK',
  'ALTYN',
  'NURBANK',
  'SHINHAN',
  'KZI',
  'VTB',
  'ATF',
];
const PRICES = [5000, 7000, 8000, 10000, 12000, 15000, 18000, 20000, 25000, 30000, 35000, 40000, 50000, 60000];
const DAY_HOURS: readonly (readonly [number, number])[] = Array.from(
  { length: 24 },
  (_, h) => [h, h < 7 ? 0.2 : h < 9 ? 1 : h < 21 ? 2 : 1] as const,
);

type Ev = { ts: number; payer: string; payee: string; amount: number; ch: Channel };
type Credit = { ts: number; amount: number };
type Drop = {
  id: string;
  from: number;
  to: number;
  collector: Relay;
  delay: number;
  batchMs: number;
  fee: number;
  pending: Map<number, number>;
  spends: boolean;
};
type Relay = { id: string; credits: Credit[] };
type Shop = {
  owner: Relay;
  collectors: Relay[];
  cashouts: Relay[];
  slots: Drop[][];
  sales: number;
  night: number;
  phone: number;
  every: number;
  crypto: number;
  ownerShare: number;
  p: SimProfile;
};

const draw = (rng: Rng, r: Range) => r[0] + rng.next() * (r[1] - r[0]);
function poisson(rng: Rng, lambda: number): number {
  if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * (rng.next() + rng.next() + rng.next() - 1.5) * 2));
  const l = Math.exp(-lambda);
  let k = 0;
  let p = rng.next();
  while (p > l) {
    k++;
    p *= rng.next();
  }
  return k;
}

export class PaymentSimulator {
  private readonly rng: Rng;
  private readonly p: SimProfile;
  private readonly buckets: Ev[][];
  private readonly bank = new Map<string, string>();
  private readonly labels = new Map<string, SimLabel>();
  private readonly used = new Set<string>();
  private seq = 0;
  persons: string[] = [];
  private merchants: string[] = [];
  private exchangers: string[] = [];

  constructor(private readonly o: SimOptions) {
    this.rng = createRng(`payments-sim:${o.seed}`);
    this.p = PROFILES[o.profile ?? 'default'];
    this.buckets = Array.from({ length: o.days }, () => []);
  }

  newAccount(role: Role | 'benign', subtype: string, kind?: 'card' | 'phone' | 'acc', bank?: string): string {
    const r = this.rng;
    const k =
      kind ??
      r.weighted<'card' | 'phone' | 'acc'>([
        ['card', 0.5],
        ['phone', 0.3],
        ['acc', 0.2],
      ]);
    let id = '';
    do {
      const n = (len: number) => Array.from({ length: len }, () => r.int(0, 9)).join('');
      id = k === 'card' ? `99${n(14)}` : k === 'phone' ? `+77990${n(6)}` : `ACC${n(9)}`;
    } while (this.used.has(id));
    this.used.add(id);
    this.bank.set(id, bank ?? BANKS[Math.min(this.p.banks - 1, Math.floor(this.p.banks * r.next() ** 1.8))]!);
    this.labels.set(id, { account: id, role, subtype });
    return id;
  }

  emit(ts: number, payer: string, payee: string, amount: number, ch: Channel): void {
    const d = Math.floor((ts - START) / DAY);
    if (d < 0 || d >= this.o.days || amount <= 0 || payer === payee) return;
    this.buckets[d]!.push({ ts: Math.floor(ts), payer, payee, amount: Math.round(amount * 100) / 100, ch });
  }

  at(day: number, hour: number): number {
    return START + day * DAY + hour * HOUR + this.rng.next() * HOUR;
  }
  dayHour(): number {
    return this.rng.weighted(DAY_HOURS);
  }
  person(): string {
    return this.rng.pick(this.persons);
  }
  merchant(): string {
    return this.rng.pick(this.merchants);
  }
  fork(label: string): Rng {
    return this.rng.fork(label);
  }

  /** Runs the whole simulation into the sink; returns counts. */
  run(sink: SimSink): SimSummary {
    const { o, p, rng } = this;
    const nMerch = Math.max(3, Math.round(o.accounts * p.merchantShare));
    const special = Math.round(o.accounts * (p.taxiShare + p.tutorShare + p.charityShare + p.sellerShare * 2 + 0.01));
    const nPersons = Math.max(20, o.accounts - nMerch - special - o.shops * 10);
    for (let i = 0; i < nPersons; i++) this.persons.push(this.newAccount('benign', 'person'));
    const p2pMerch = new Set<string>();
    for (let i = 0; i < nMerch; i++) {
      const m = this.newAccount('benign', 'merchant', 'acc');
      this.merchants.push(m);
      if (rng.bool(p.merchantP2pShare)) p2pMerch.add(m);
    }
    const employers = Array.from({ length: Math.max(2, Math.round(o.accounts / 300)) }, () => this.newAccount('benign', 'employer', 'acc'));
    const suppliers = Array.from({ length: Math.max(2, Math.round(nMerch / 5)) }, () => this.newAccount('benign', 'supplier', 'acc'));
    this.exchangers = Array.from({ length: Math.max(2, Math.round(o.accounts / 2000)) }, () =>
      this.newAccount('benign', 'crypto_exchanger', 'acc'),
    );
    const lookalikes = new LookAlikes(this, p, o.accounts, p2pMerch);
    const shops = Array.from({ length: o.shops }, () => this.newShop());
    const personInfo = this.persons.map(() => ({
      rate: draw(rng, [0.2, 2.5]),
      family: [this.person(), this.person()],
      merchants: Array.from({ length: 5 }, () => rng.pick(this.merchants)),
      employer: rng.pick(employers),
      salary: Math.round(draw(rng, [120, 700])) * 1000,
      isCrypto: rng.bool(0.03),
    }));
    const buyers = this.persons.filter(() => rng.bool(p.buyerShare));
    let rows = 0;
    let badRows = 0;
    let dups = 0;
    for (let day = 0; day < o.days; day++) {
      this.persons.forEach((id, i) => this.personDay(id, personInfo[i]!, day));
      if ((day % 30) + 1 === 5) {
        for (let i = 0; i < this.persons.length; i++) {
          const pi = personInfo[i]!;
          if (rng.bool(0.7)) this.emit(this.at(day, 10), pi.employer, this.persons[i]!, pi.salary, 'bank_transfer');
        }
        for (const e of employers) this.emit(this.at(day, 9), rng.pick(suppliers), e, draw(rng, [5e6, 5e7]), 'bank_transfer');
      }
      lookalikes.day(day);
      for (const s of shops) this.shopDay(s, day, buyers);
      const evs = this.buckets[day]!;
      this.buckets[day] = [];
      evs.sort((a, b) => a.ts - b.ts);
      const lines = evs.map((e) => this.format(e));
      for (let i = 0; i < lines.length; i++) {
        if (o.noise && i + 1 < lines.length && rng.bool(0.002)) [lines[i], lines[i + 1]] = [lines[i + 1]!, lines[i]!];
        sink.row(lines[i]!);
        rows++;
        if (o.noise && rng.bool(0.001)) {
          sink.row(lines[i]!);
          dups++;
        }
        if (o.noise && rng.bool(0.002)) {
          sink.row(this.badRow(lines[i]!));
          badRows++;
        }
      }
    }
    let illicit = 0;
    for (const l of this.labels.values()) {
      sink.label(l);
      if (l.role !== 'benign') illicit++;
    }
    return { rows, badRows, duplicates: dups, accounts: this.labels.size, illicit };
  }

  relabel(id: string, role: Role, subtype: string): void {
    this.labels.set(id, { account: id, role, subtype });
  }

  private format(e: Ev): string {
    const local = new Date(e.ts + TZ).toISOString().slice(0, 19);
    const payeeBank = e.payee === 'CASH' ? '' : (this.bank.get(e.payee) ?? '');
    return `T${(++this.seq).toString(36).padStart(7, '0')},${local}+05:00,${e.payer},${e.payee},${e.amount},KZT,${e.ch},${this.bank.get(e.payer) ?? ''},${payeeBank}`;
  }

  private badRow(line: string): string {
    const f = line.split(',');
    const kind = this.rng.int(0, 6);
    if (kind === 0) return f.slice(0, 7).join(',');
    if (kind === 1) f[1] = '2025-13-45T99:00:00+05:00';
    else if (kind === 2) f[6] = 'pigeon_post';
    else if (kind === 3) f[4] = `-${f[4]}`;
    else if (kind === 4) f[4] = 'abc';
    else if (kind === 5) f[2] = '';
    else f[3] = f[2]!;
    f[0] = `BAD${++this.seq}`;
    return f.join(',');
  }

  private personDay(id: string, pi: { rate: number; family: string[]; merchants: string[]; isCrypto: boolean }, day: number): void {
    const r = this.rng;
    for (let k = poisson(r, pi.rate); k > 0; k--)
      this.emit(this.at(day, this.dayHour()), id, r.pick(pi.merchants), Math.round(Math.exp(draw(r, [6.5, 10.5]))), 'card_purchase');
    if (r.bool(0.08))
      this.emit(this.at(day, this.dayHour()), id, r.pick(pi.family), r.int(2, 50) * 1000, r.bool(0.5) ? 'card_p2p' : 'phone_transfer');
    if (r.bool(0.04)) this.emit(this.at(day, this.dayHour()), id, 'CASH', r.int(1, 10) * 10000, 'cash_withdrawal');
    if (pi.isCrypto && r.bool(0.05))
      this.emit(this.at(day, this.dayHour()), id, r.pick(this.exchangers), r.int(10, 200) * 1000, 'crypto_exchange');
  }

  private newShop(): Shop {
    const r = this.rng;
    const p = this.p;
    const relay = (role: Role, kind?: 'card' | 'phone' | 'acc'): Relay => ({ id: this.newAccount(role, role, kind), credits: [] });
    const shop: Shop = {
      owner: relay('shop_owner'),
      collectors: Array.from({ length: r.int(p.collectorsPerShop[0], p.collectorsPerShop[1]) }, () => relay('collector')),
      cashouts: Array.from({ length: r.int(p.cashoutsPerShop[0], p.cashoutsPerShop[1]) }, () => relay('cashout')),
      slots: [],
      sales: draw(r, p.salesPerDay),
      night: draw(r, p.nightWeight),
      phone: draw(r, p.phoneShare),
      every: draw(r, p.collectorEveryHours) * HOUR,
      crypto: draw(r, p.collectorCryptoShare),
      ownerShare: draw(r, p.ownerShare),
      p,
    };
    shop.slots = Array.from({ length: r.int(p.concurrentDrops[0], p.concurrentDrops[1]) }, () => []);
    return shop;
  }

  private newDrop(shop: Shop, from: number): Drop {
    const r = this.rng;
    const p = shop.p;
    let id: string;
    if (r.bool(p.recruitedShare)) {
      id = r.pick(this.persons);
      this.relabel(id, 'drop', 'recruited');
    } else id = this.newAccount('drop', 'drop', r.bool(0.7) ? 'card' : 'phone', BANKS[r.int(0, p.banks - 1)]);
    return {
      id,
      from,
      to: from + draw(r, p.dropLifeHours) * HOUR,
      collector: r.pick(shop.collectors),
      delay: draw(r, p.forwardDelayMin) * MIN,
      batchMs: r.bool(p.batchShare) ? draw(r, p.batchEveryHours) * HOUR : 0,
      fee: draw(r, p.dropFee),
      pending: new Map(),
      spends: r.bool(0.3),
    };
  }

  private dropAt(shop: Shop, slot: number, ts: number): Drop {
    const list = shop.slots[slot]!;
    let d = list[list.length - 1];
    if (!d) list.push((d = this.newDrop(shop, ts - this.rng.next() * HOUR)));
    while (d.to < ts) list.push((d = this.newDrop(shop, d.to + this.rng.next() * 2 * HOUR)));
    if (list.length > 4) list.splice(0, list.length - 4);
    return d;
  }

  private shopDay(s: Shop, day: number, buyers: string[]): void {
    const r = this.rng;
    const hours = DAY_HOURS.map(([h, w]) => [h, h < 6 ? w + s.night : w] as const);
    const times = Array.from({ length: poisson(r, s.sales) }, () => this.at(day, r.weighted(hours))).sort((a, b) => a - b);
    const drops = new Set<Drop>();
    for (const ts of times) {
      const d = this.dropAt(s, r.int(0, s.slots.length - 1), ts);
      drops.add(d);
      const amount = r.pick(PRICES) + (r.bool(0.3) ? r.int(1, 99) * 10 : 0);
      this.emit(ts, buyers.length > 0 ? r.pick(buyers) : this.person(), d.id, amount, r.bool(s.phone) ? 'phone_transfer' : 'card_p2p');
      const net = amount * (1 - d.fee);
      if (d.batchMs > 0) {
        const k = Math.floor((ts - d.from) / d.batchMs);
        d.pending.set(k, (d.pending.get(k) ?? 0) + net);
      } else this.forward(d, ts + d.delay * draw(r, [0.3, 1.5]), net);
      if (d.spends && r.bool(0.05))
        this.emit(ts + r.int(30, 300) * MIN, d.id, r.pick(this.merchants), r.int(2, 20) * 1000, 'card_purchase');
    }
    for (const d of drops)
      for (const [k, amt] of d.pending) {
        this.forward(d, Math.min(d.to, d.from + (k + 1) * d.batchMs) + r.int(1, 10) * MIN, amt);
        d.pending.delete(k);
      }
    const dayEnd = START + (day + 1) * DAY;
    for (const c of s.collectors) {
      this.relayWindows(c, s.every, dayEnd, (ts, amt) => {
        const toOwner = amt * s.ownerShare;
        const toCrypto = (amt - toOwner) * s.crypto;
        this.emit(ts, c.id, s.owner.id, toOwner, r.bool(0.5) ? 'bank_transfer' : 'card_p2p');
        s.owner.credits.push({ ts, amount: toOwner });
        this.emit(ts + MIN, c.id, r.pick(this.exchangers), toCrypto, 'crypto_exchange');
        const co = r.pick(s.cashouts);
        this.emit(ts + 2 * MIN, c.id, co.id, amt - toOwner - toCrypto, 'card_p2p');
        co.credits.push({ ts: ts + 2 * MIN, amount: amt - toOwner - toCrypto });
      });
    }
    for (const co of s.cashouts)
      this.relayWindows(co, 6 * HOUR, dayEnd, (ts, amt) => {
        let left = amt * 0.98;
        if (r.bool(0.3)) {
          this.emit(ts, co.id, r.pick(this.exchangers), left * 0.5, 'crypto_exchange');
          left *= 0.5;
        }
        for (let k = 0; left > 1000; k++) {
          const chunk = Math.min(left, 200_000);
          this.emit(ts + k * 7 * MIN, co.id, 'CASH', Math.floor(chunk / 1000) * 1000 || chunk, 'cash_withdrawal');
          left -= chunk;
        }
      });
    this.relayWindows(s.owner, DAY, dayEnd, (ts, amt) => {
      for (let k = r.int(1, 4); k > 0; k--) this.emit(ts + k * HOUR, s.owner.id, r.pick(this.merchants), amt * 0.05, 'card_purchase');
      if (r.bool(0.3)) this.emit(ts + 5 * HOUR, s.owner.id, r.pick(this.exchangers), amt * 0.5, 'crypto_exchange');
    });
  }

  private forward(d: Drop, ts: number, amount: number): void {
    const r = this.rng;
    const ch: Channel = r.weighted([
      ['card_p2p', 0.6],
      ['phone_transfer', 0.25],
      ['bank_transfer', 0.15],
    ]);
    this.emit(ts, d.id, d.collector.id, amount, ch);
    d.collector.credits.push({ ts, amount });
  }

  /** Forwards a relay's credits in windows of `every` ms (at window end plus a few minutes). */
  private relayWindows(rel: Relay, every: number, dayEnd: number, out: (ts: number, amount: number) => void): void {
    rel.credits.sort((a, b) => a.ts - b.ts);
    let i = 0;
    while (i < rel.credits.length) {
      const w = Math.floor((rel.credits[i]!.ts - START) / every);
      const end = START + (w + 1) * every;
      if (end > dayEnd) break;
      let sum = 0;
      while (i < rel.credits.length && rel.credits[i]!.ts < end) sum += rel.credits[i++]!.amount;
      out(end + this.rng.int(1, 15) * MIN, sum);
    }
    rel.credits.splice(0, i);
  }
}
