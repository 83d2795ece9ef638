import type { Channel } from './engine/types.ts';
import type { PaymentSimulator } from './payments.sim.ts';
import type { SimProfile } from './payments.sim-profiles.ts';

/** Benign look-alikes: many small payments from many people, but a different onward pattern. */
export class LookAlikes {
  private readonly taxis: string[];
  private readonly tutors: { id: string; students: string[]; weekday: number[]; fee: number }[];
  private readonly charities: { id: string; org: string; campaigns: number[]; isDaily: boolean }[];
  private readonly sellers: { id: string; own: string; rate: number; isHard: boolean }[];
  private readonly organisers: { id: string; days: number[] }[];

  constructor(
    private readonly s: PaymentSimulator,
    p: SimProfile,
    accounts: number,
    private readonly p2pMerchants: Set<string>,
  ) {
    const r = s.fork('lookalikes');
    const n = (share: number) => Math.max(1, Math.round(accounts * share));
    this.taxis = Array.from({ length: n(p.taxiShare) }, () => s.newAccount('benign', 'taxi_driver'));
    this.tutors = Array.from({ length: n(p.tutorShare) }, () => {
      const students = Array.from({ length: r.int(4, 15) }, () => s.person());
      return { id: s.newAccount('benign', 'tutor'), students, weekday: students.map(() => r.int(0, 6)), fee: r.int(5, 15) * 1000 };
    });
    this.charities = Array.from({ length: n(p.charityShare) }, () => ({
      id: s.newAccount('benign', 'charity'),
      org: s.newAccount('benign', 'charity_org', 'acc'),
      campaigns: [r.int(0, 20), r.int(10, 40)],
      isDaily: r.bool(0.3),
    }));
    this.sellers = Array.from({ length: n(p.sellerShare) }, () => ({
      id: s.newAccount('benign', 'marketplace_seller'),
      own: s.newAccount('benign', 'seller_own_account'),
      rate: r.int(3, 20),
      isHard: r.bool(p.hardSellerShare),
    }));
    // People who collect money for a group (a gift, a trip) and pay it on at once: fan-in, then a fast
    // forward of everything to one account, but once or twice, by day, with repeat payers.
    this.organisers = Array.from({ length: n(p.tutorShare) }, () => ({
      id: s.newAccount('benign', 'group_organiser'),
      days: [r.int(0, 25), r.int(0, 60)],
    }));
  }

  day(day: number): void {
    const s = this.s;
    const r = s.fork(`lookalike-day:${day}`);
    const p2p = (): Channel => (r.bool(0.5) ? 'card_p2p' : 'phone_transfer');
    for (const t of this.taxis) {
      let earned = 0;
      for (let k = r.int(5, 30); k > 0; k--) {
        const amount = r.int(8, 60) * 100;
        earned += amount;
        s.emit(s.at(day, r.int(7, 23)), s.person(), t, amount, p2p());
      }
      for (let k = r.int(2, 5); k > 0; k--) s.emit(s.at(day, r.int(8, 22)), t, s.merchant(), Math.round(earned / 8), 'card_purchase');
      if (r.bool(0.2)) s.emit(s.at(day, r.int(18, 22)), t, 'CASH', Math.floor(earned / 2000) * 1000, 'cash_withdrawal');
    }
    for (const m of this.p2pMerchants)
      for (let k = r.int(3, 25); k > 0; k--) s.emit(s.at(day, r.int(9, 21)), s.person(), m, Math.round(Math.exp(7 + r.next() * 3)), p2p());
    for (const m of this.p2pMerchants)
      if (r.bool(0.4)) s.emit(s.at(day, r.int(18, 21)), m, s.person(), r.int(50, 300) * 1000, 'bank_transfer');
    for (const t of this.tutors)
      t.students.forEach((st, i) => {
        if (day % 7 === t.weekday[i]) s.emit(s.at(day, 15 + (i % 6)), st, t.id, t.fee, p2p());
      });
    for (const c of this.charities)
      for (const start of c.campaigns) {
        if (day >= start && day < start + 4) {
          let raised = 0;
          for (let k = r.int(10, 60); k > 0; k--) {
            const a = r.int(1, 20) * 1000;
            raised += a;
            s.emit(s.at(day, r.int(8, 23)), s.person(), c.id, a, p2p());
          }
          if (c.isDaily) s.emit(s.at(day, 23) + 30 * 60_000, c.id, c.org, raised, 'bank_transfer');
        }
        if (!c.isDaily && day === start + 6) s.emit(s.at(day, 11), c.id, c.org, 100_000 * r.int(5, 40), 'bank_transfer');
      }
    for (const sl of this.sellers) {
      let total = 0;
      for (let k = r.int(1, sl.rate); k > 0; k--) {
        const ts = s.at(day, r.int(8, 23));
        const a = r.int(30, 600) * 100;
        total += a;
        s.emit(ts, s.person(), sl.id, a, r.bool(0.7) ? 'phone_transfer' : 'card_p2p');
        if (sl.isHard && r.bool(0.7)) s.emit(ts + r.int(10, 180) * 60_000, sl.id, sl.own, a, 'card_p2p');
      }
      if (!sl.isHard) s.emit(s.at(day, 23), sl.id, sl.own, total * 0.9, 'bank_transfer');
    }
    for (const g of this.organisers) {
      if (!g.days.includes(day)) continue;
      const from = s.at(day, r.int(9, 14));
      let sum = 0;
      let last = from;
      for (let k = r.int(5, 25); k > 0; k--) {
        const a = r.int(2, 20) * 1000;
        last = Math.max(last, from + r.int(0, 8 * 60) * 60_000);
        sum += a;
        s.emit(last, s.person(), g.id, a, p2p());
      }
      s.emit(last + r.int(5, 90) * 60_000, g.id, r.bool(0.5) ? s.merchant() : s.person(), sum, r.bool(0.5) ? 'bank_transfer' : 'card_p2p');
    }
  }
}
