#!/usr/bin/env python3
"""Independent synthetic simulator of drug-shop money flows hidden in ordinary KZT payment traffic.

Standard library only, deterministic for a given --seed.  All people, cards, phones and IBAN-like
accounts are invented (random digits); card numbers only pass the Luhn check.

Usage:  python3 simulate.py OUTDIR [--seed 20260301] [--persons 15000] [--days 30] [--shops 8]
Writes OUTDIR/transactions.csv, labels.csv, accounts.csv, watchlist.csv, README.md, then re-reads and checks them.
"""
import argparse
import csv
import math
import os
import random
import re
import sys
from collections import Counter, defaultdict
from datetime import datetime, timedelta

BANKS = ["KASPI", "HALYK", "JUSAN", "BCC", "FORTE", "RBK", "FREEDOM", "HOME", "EURASIAN"]
BANK_W = [50, 19, 6, 6, 5, 3, 6, 3, 2]
BANK_CODE = {"KASPI": "722", "HALYK": "601", "JUSAN": "998", "BCC": "856", "FORTE": "965",
             "RBK": "821", "FREEDOM": "551", "HOME": "886", "EURASIAN": "948"}
CARD_PREFIX = ["440043", "516949"]          # synthetic BIN ranges 4400 43xx / 5169 49xx
PHONE_OPS = ["00", "01", "02", "05", "07", "08", "71", "75", "76", "77", "78"]
CHANNELS = ["card_p2p", "phone_transfer", "bank_transfer", "card_purchase", "cash_withdrawal",
            "crypto_exchange"]
ROLES = ["drop", "collector", "cashout", "shop_owner", "benign"]
ILLICIT = {"drop", "collector", "cashout", "shop_owner"}
ALNUM = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"

# hour-of-day weights (local time, +05:00)
PROF_RAW = {
    "day":     [0.3, .15, .1, .1, .1, .2, .6, 2, 4, 6, 7, 8, 9, 9, 8, 8, 8, 8, 8, 7, 5, 3, 1.5, .8],
    "shop":    [.5, .25, .15, .1, .1, .2, .5, 1.5, 3, 4, 5, 6, 7, 7, 6, 6, 7, 8, 10, 10, 8, 5, 2.5, 1.2],
    "office":  [0, 0, 0, 0, 0, 0, .1, .5, 3, 8, 8, 7, 5, 5, 6, 6, 5, 3, 1, .3, 0, 0, 0, 0],
    "evening": [1.5, .8, .4, .2, .2, .3, .6, 1.5, 2.5, 3, 3.5, 4, 5, 5, 4.5, 4.5, 5, 6, 8, 9, 9, 8, 6, 3],
    "night":   [9, 7, 5, 3, 1.5, .6, .3, .4, .8, 1.2, 1.8, 2.5, 3, 3.5, 3.5, 4, 5, 6, 8, 10, 11, 12, 12, 11],
    "taxi_day": [1, .5, .4, .4, .6, 1.5, 4, 8, 9, 7, 5, 5, 6, 5, 5, 6, 8, 9, 9, 7, 5, 4, 3, 2],
    "taxi_night": [9, 8, 7, 5, 4, 3, 2, 1, .5, .2, .2, .2, .2, .2, .3, .5, 1, 2, 4, 6, 8, 9, 10, 10],
    "any":     [2, 1.5, 1, 1, 1, 1.5, 2, 3, 4, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 4.5, 4, 3.5, 3],
}
PROF = {}
for _k, _w in PROF_RAW.items():
    _c, _s = [], 0.0
    for _x in _w:
        _s += _x
        _c.append(_s)
    PROF[_k] = _c
HOURS = list(range(24))

# merchant categories: (median amount, sigma, weight)
MCAT = {
    "grocery": (2500, 0.8, 30), "supermarket": (8500, 0.7, 20), "pharmacy": (4000, 0.7, 8),
    "fuel": (11000, 0.45, 8), "cafe": (4500, 0.6, 10), "restaurant": (16000, 0.6, 4),
    "clothing": (22000, 0.7, 5), "electronics": (70000, 0.9, 2), "online": (9000, 0.9, 8),
    "flowers": (9000, 0.5, 1), "telecom": (3000, 0.4, 4),
}
UTIL = [("electricity", 6000, .5), ("water", 2500, .4), ("gas", 3500, .5), ("heating", 12000, .4),
        ("internet", 6500, .2), ("mobile", 3500, .3), ("ksk", 4000, .4), ("trash", 900, .2)]


class Acc:
    """Owner of one or more accounts (a person or an organisation)."""
    __slots__ = ("role", "kind", "bank", "card", "phone", "iban", "pub", "phone_pref", "hh", "favs",
                 "friends", "income", "inflows", "extra_in", "employer", "salary", "paydays",
                 "shop_rate", "start", "end", "special", "aux", "big_family")

    def __init__(self):
        for s in self.__slots__:
            setattr(self, s, None)


class Sim:
    def __init__(self, seed, persons, days, shops):
        self.rnd = random.Random(seed)
        self.seed = seed
        self.n_persons = persons
        self.D = days
        self.T_END = days * 86400
        self.n_shops = shops
        self.used_ids = set()
        self.acc_bank = {}
        self.acc_owner = {}
        self.ev = []          # (t, payer, payee, amount, channel, payee_bank or None)
        self.shops = []
        self.stats = Counter()
        dw = []
        for d in range(days):
            w = 1.0
            wd = self.wd(d)
            if wd in (4, 5):
                w *= 1.15
            if d in (6, 7):          # 7-8 March
                w *= 1.5
            if d in (20, 21, 22):    # Nauryz
                w *= 1.2
            dw.append(w)
        self.day_cum = []
        s = 0
        for w in dw:
            s += w
            self.day_cum.append(s)

    # ------------------------------------------------------------------ helpers
    @staticmethod
    def wd(d):                      # 2026-03-01 is a Sunday; Monday=0
        return (d + 6) % 7

    def poisson(self, lam):
        if lam <= 0:
            return 0
        if lam > 30:
            return max(0, int(round(self.rnd.gauss(lam, math.sqrt(lam)))))
        L = math.exp(-lam)
        k, p = 0, 1.0
        while True:
            p *= self.rnd.random()
            if p <= L:
                return k
            k += 1

    def logn(self, med, sig):
        return med * math.exp(self.rnd.gauss(0, sig))

    def t_in(self, day, prof):
        h = self.rnd.choices(HOURS, cum_weights=PROF[prof])[0]
        return day * 86400 + h * 3600 + self.rnd.randrange(3600)

    def rday(self):
        return self.rnd.choices(range(self.D), cum_weights=self.day_cum)[0]

    def uniq(self, gen):
        while True:
            x = gen()
            if x not in self.used_ids:
                self.used_ids.add(x)
                return x

    def new_card(self):
        r = self.rnd

        def g():
            part = r.choice(CARD_PREFIX) + "".join(r.choice("0123456789") for _ in range(9))
            return part + luhn_digit(part)
        return self.uniq(g)

    def new_phone(self):
        r = self.rnd
        return self.uniq(lambda: "+77" + r.choice(PHONE_OPS) + "".join(r.choice("0123456789") for _ in range(7)))

    def new_iban(self, bank):
        r = self.rnd
        return self.uniq(lambda: "KZ" + "%02d" % r.randrange(10, 100) + BANK_CODE[bank]
                         + "".join(r.choice(ALNUM) for _ in range(13)))

    def reg(self, acc_id, owner, bank):
        self.acc_bank[acc_id] = bank
        self.acc_owner[acc_id] = owner

    def person(self, role="benign", kind="other", phone_p=0.82, iban_p=0.1, bank=None):
        r = self.rnd
        p = Acc()
        p.role, p.kind = role, kind
        p.bank = bank or r.choices(BANKS, weights=BANK_W)[0]
        p.card = self.new_card()
        self.reg(p.card, p, p.bank)
        if r.random() < phone_p:
            p.phone = self.new_phone()
            self.reg(p.phone, p, p.bank)
        if r.random() < iban_p:
            p.iban = self.new_iban(p.bank)
            self.reg(p.iban, p, p.bank)
        p.phone_pref = r.uniform(0.15, 0.75)
        p.income, p.inflows, p.extra_in = [], [], []
        p.favs = []
        p.friends = []
        p.shop_rate = 0
        return p

    def org(self, kind, card=False, bank=None):
        o = Acc()
        o.role, o.kind = "benign", kind
        o.bank = bank or self.rnd.choices(BANKS, weights=BANK_W)[0]
        if card:
            o.iban = self.new_card()
        else:
            o.iban = self.new_iban(o.bank)
        self.reg(o.iban, o, o.bank)
        return o

    def emit(self, t, payer, payee, amt, ch, payee_bank=None):
        if t < 0 or t >= self.T_END or amt < 1:
            return False
        self.ev.append((int(t), payer, payee, round(amt, 2), ch, payee_bank))
        return True

    def p2p(self, t, a, b, amt, mode=None):
        """Person-to-person transfer; uses phones if both have one and habit says so."""
        if mode is None:
            mode = "phone" if (a.phone and b.phone and self.rnd.random() < a.phone_pref) else "card"
        if mode == "phone" and a.phone and b.phone:
            return self.emit(t, a.phone, b.phone, amt, "phone_transfer")
        return self.emit(t, a.card, b.card, amt, "card_p2p")

    def purchase(self, t, p, m, amt):
        if self.rnd.random() < 0.12:
            amt = amt + self.rnd.choice([0.5, 0.25, 0.75, 0.9])
        return self.emit(t, p.card, m.iban, amt, "card_purchase")

    def cash(self, t, p, amt):
        bank = p.bank if self.rnd.random() < 0.8 else self.rnd.choices(BANKS, weights=BANK_W)[0]
        return self.emit(t, p.card, "CASH", amt, "cash_withdrawal", bank)

    def crypto(self, t, p, ex, amt):
        return self.emit(t, p.card, ex.iban, amt, "crypto_exchange")

    def bank_tr(self, t, src_id, dst_id, amt):
        return self.emit(t, src_id, dst_id, amt, "bank_transfer")

    @staticmethod
    def r100(x):
        return max(100, int(round(x / 100.0)) * 100)

    @staticmethod
    def r1000(x):
        return max(1000, int(round(x / 1000.0)) * 1000)

    def shift_workday(self, d):
        w = self.wd(d)
        if w == 5:
            d -= 1
        elif w == 6:
            d -= 2
        return max(0, d)

    # ------------------------------------------------------------------ world
    def build_world(self):
        r = self.rnd
        self.merchants = defaultdict(list)
        for cat, (_, _, w) in MCAT.items():
            for _ in range(max(3, int(w * 17))):
                self.merchants[cat].append(self.org("merchant_" + cat))
        self.mcats = list(MCAT.keys())
        self.mcat_w = [MCAT[c][2] for c in self.mcats]
        self.employers = [self.org("employer") for _ in range(420)]
        self.utilities = [(u, med, sig, self.org("utility_" + u)) for (u, med, sig) in UTIL]
        self.pension_fund = self.org("pension_fund", bank="HALYK")
        self.marketplaces = [self.org("marketplace", bank="KASPI"), self.org("marketplace", bank="HALYK")]
        self.suppliers = [self.org("supplier") for _ in range(45)]
        self.cargo = [self.org("cargo") for _ in range(6)]
        self.clinics = [self.org("clinic") for _ in range(12)]
        self.taxi_parks = [self.org("taxi_park") for _ in range(5)]
        self.loan_banks = [self.org("loan_repayment", bank=b) for b in ("KASPI", "HALYK", "HOME", "FORTE")]
        # public crypto exchangers: mostly IBAN-like, two operate through cards
        self.exchangers = [self.org("crypto_exchanger", card=(i >= 6), bank=b)
                           for i, b in enumerate(["FREEDOM", "KASPI", "HALYK", "BCC", "JUSAN", "FORTE",
                                                  "KASPI", "HALYK"])]
        self.ex_w = [20, 14, 10, 8, 6, 5, 4, 3]

        # population
        self.pop = []
        for _ in range(self.n_persons):
            kind = r.choices(["employed", "pensioner", "student", "other"], weights=[64, 13, 12, 11])[0]
            p = self.person(kind=kind, phone_p=0.62 if kind == "pensioner" else 0.86,
                            iban_p=0.14 if kind == "employed" else 0.05)
            if kind == "employed":
                p.employer = r.choice(self.employers)
                p.salary = min(3_000_000, max(85_000, self.logn(270_000, 0.45)))
                p.paydays = r.choice([[(5, .4), (20, .6)], [(10, 1.0)], [(25, 1.0)], [(1, .5), (15, .5)],
                                      [(5, .4), (20, .6)]])
                p.shop_rate = self.logn(17, 0.5)
            elif kind == "pensioner":
                p.salary = min(400_000, max(60_000, self.logn(125_000, 0.3)))
                p.paydays = [(r.randint(3, 9), 1.0)]
                p.shop_rate = self.logn(9, 0.5)
            elif kind == "student":
                p.shop_rate = self.logn(14, 0.5)
            else:
                p.shop_rate = self.logn(12, 0.6)
            self.pop.append(p)
        self.phone_people = [p for p in self.pop if p.phone]
        # households
        order = self.pop[:]
        r.shuffle(order)
        self.households = []
        i = 0
        while i < len(order):
            size = r.choices([1, 2, 3, 4, 5, 6, 7], weights=[24, 25, 20, 17, 8, 4, 2])[0]
            hh = order[i:i + size]
            big = size >= 4 and r.random() < 0.3
            hid = len(self.households)
            for p in hh:
                p.hh = hid
                p.big_family = big
            self.households.append(hh)
            i += size
        self.hh_rel = [r.randrange(len(self.households)) for _ in self.households]
        for p in self.pop:
            p.friends = r.sample(self.pop, 6)
            cats = r.choices(self.mcats, weights=self.mcat_w, k=r.randint(6, 12))
            p.favs = [r.choice(self.merchants[c]) for c in cats]
        self.free_pool = []   # ordinary people not given a special role (drops may be recruited here)

    def relative(self, p):
        hh = self.households[self.hh_rel[p.hh]]
        return self.rnd.choice(hh)

    def housemate(self, p):
        hh = self.households[p.hh]
        if len(hh) < 2:
            return None
        while True:
            q = self.rnd.choice(hh)
            if q is not p:
                return q

    # ------------------------------------------------------------------ ordinary life
    def ordinary_life(self, p, scale=1.0):
        r = self.rnd
        D = self.D
        if p.kind in ("employed", "pensioner") and p.paydays:
            for dom, frac in p.paydays:
                d = dom - 1
                if p.kind == "employed":
                    d = self.shift_workday(d)
                if d >= D:
                    continue
                t = self.t_in(d, "office") if p.kind == "employed" else self.t_in(d, "day")
                amt = round(p.salary * frac * r.uniform(0.97, 1.03))
                src = p.employer.iban if p.kind == "employed" else self.pension_fund.iban
                dst = p.iban if (p.iban and p.kind == "employed" and r.random() < 0.3 and p.special is None) else p.card
                if self.bank_tr(t, src, dst, amt):
                    p.income.append((t, amt))
                    if p.kind == "pensioner" and r.random() < 0.55:
                        # pensioners typically cash most of the pension soon after it lands
                        self.cash(t + r.uniform(600, 20 * 3600), p, self.r1000(amt * r.uniform(0.5, 0.95)))
        elif p.kind == "student":
            parent = self.housemate(p) or self.relative(p)
            if parent is not p:
                for _ in range(self.poisson(3)):
                    t = self.t_in(r.randrange(D), "evening")
                    amt = self.r1000(self.logn(18000, 0.5))
                    if self.p2p(t, parent, p, amt):
                        p.income.append((t, amt))
        else:
            for _ in range(self.poisson(3)):
                q = r.choice(p.friends)
                t = self.t_in(r.randrange(D), "day")
                amt = self.r100(self.logn(15000, 0.8))
                if self.p2p(t, q, p, amt):
                    p.income.append((t, amt))
            if r.random() < 0.15 and p.income:   # casual earner who cashes out what comes in
                t0, a0 = r.choice(p.income)
                self.cash(t0 + r.uniform(300, 7200), p, self.r1000(a0 * r.uniform(0.6, 1.0)))
        # purchases
        for _ in range(self.poisson(p.shop_rate * scale)):
            m = r.choice(p.favs)
            med, sig, _ = MCAT[m.kind[9:]]
            self.purchase(self.t_in(self.rday(), "shop"), p, m, max(150, round(self.logn(med, sig))))
        # utilities
        if p.kind in ("employed", "pensioner") and r.random() < 0.65 * scale:
            for (u, med, sig, org) in r.sample(self.utilities, r.randint(1, 4)):
                d = r.randrange(min(15, D))
                self.bank_tr(self.t_in(d, "day"), p.card, org.iban, max(300, round(self.logn(med, sig))))
        # loan repayment
        if p.kind == "employed" and r.random() < 0.25 * scale:
            self.bank_tr(self.t_in(r.randrange(D), "day"), p.card, r.choice(self.loan_banks).iban,
                         self.r100(self.logn(45000, 0.6)))
        # cash
        for _ in range(self.poisson(0.9 * scale)):
            self.cash(self.t_in(self.rday(), "day"), p, self.r1000(self.logn(20000, 0.7)))
        # family
        mate = self.housemate(p)
        if mate is not None:
            lam = (6.0 if p.big_family else 1.8) * scale
            for _ in range(self.poisson(lam)):
                q = self.housemate(p)
                self.p2p(self.t_in(self.rday(), "evening"), p, q, self.r100(self.logn(9000, 1.0)))
        for _ in range(self.poisson(0.4 * scale)):
            q = self.relative(p)
            if q is not p:
                self.p2p(self.t_in(self.rday(), "evening"), p, q, self.r1000(self.logn(20000, 0.8)))
        # friends / splitting bills
        for _ in range(self.poisson(2.0 * scale)):
            q = r.choice(p.friends)
            amt = self.logn(4000, 0.9)
            amt = round(amt) if r.random() < 0.3 else self.r100(amt)
            self.p2p(self.t_in(self.rday(), "evening"), p, q, amt)
        # 8 March gifts
        if r.random() < 0.18 * scale:
            q = mate or r.choice(p.friends)
            self.p2p(self.t_in(r.choice([6, 7]), "evening"), p, q, self.r1000(self.logn(12000, 0.6)))
            if r.random() < 0.5:
                m = r.choice(self.merchants["flowers"])
                self.purchase(self.t_in(r.choice([6, 7]), "day"), p, m, round(self.logn(9000, 0.5)))

    # ------------------------------------------------------------------ benign look-alikes
    def take(self, n, kinds=None):
        """Take n people from the free pool (optionally of given kinds) and mark them special."""
        out = []
        cand = [i for i, p in enumerate(self.free_pool) if kinds is None or p.kind in kinds]
        self.rnd.shuffle(cand)
        chosen = set(cand[:n])
        keep = []
        for i, p in enumerate(self.free_pool):
            (out if i in chosen else keep).append(p)
        self.free_pool = keep
        return out

    def assign_specials(self):
        P = self.params
        self.free_pool = self.pop[:]
        self.rnd.shuffle(self.free_pool)
        S = {}
        S["market_seller"] = self.take(P["market_sellers"], ("employed", "other"))
        S["wholesaler"] = self.take(35, ("employed", "other"))
        S["taxi_driver"] = self.take(P["taxi_drivers"], ("employed", "other"))
        S["tutor"] = self.take(P["tutors"], ("employed", "other", "pensioner", "student"))
        S["charity"] = self.take(P["charity"])
        S["marketplace_seller"] = self.take(P["marketplace_sellers"], ("employed", "other"))
        S["student_organizer"] = self.take(P["student_organizers"], ("student",))
        S["landlord"] = self.take(P["landlords_long"], ("employed", "pensioner", "other"))
        S["daily_rent"] = self.take(P["landlords_daily"], ("employed", "other"))
        S["salary_forwarder"] = self.take(P["salary_forwarders"], ("employed",))
        S["crypto_buyer"] = self.take(P["crypto_buyers"], ("employed", "other", "student"))
        S["p2p_trader"] = self.take(P["p2p_traders"], ("other", "employed"))
        for k, lst in S.items():
            for p in lst:
                p.special = k
        for p in S["taxi_driver"]:
            if not p.phone:
                p.phone = self.new_phone()
                self.reg(p.phone, p, p.bank)
        self.S = S

    def sim_market_sellers(self):
        r = self.rnd
        for s in self.S["market_seller"]:
            pool = r.sample(self.pop, r.randint(60, 400))
            off = r.randrange(7)
            lam = r.uniform(4, 18)
            med = r.choice([2500, 4000, 6000, 9000])
            supplier = r.choice(self.S["wholesaler"]) if r.random() < 0.6 else r.choice(self.suppliers)
            week = 0
            for d in range(self.D):
                if self.wd(d) == off:
                    continue
                for _ in range(self.poisson(lam)):
                    amt = min(60000, max(300, self.logn(med, 0.8)))
                    amt = round(amt) if r.random() < 0.4 else self.r100(amt)
                    if self.p2p(self.t_in(d, "day"), r.choice(pool), s, amt):
                        week += amt
                if self.wd(d) in (0, 3) and week > 50000:      # pay supplier twice a week
                    t = self.t_in(d, "day")
                    amt = self.r1000(week * r.uniform(0.55, 0.85))
                    if isinstance(supplier, Acc) and supplier.card and supplier.special == "wholesaler":
                        self.p2p(t, s, supplier, amt, mode="card")
                        supplier.inflows.append((t, amt))
                    else:
                        self.bank_tr(t, s.card, supplier.iban, amt)
                    week = 0
                if r.random() < 0.25:
                    self.cash(self.t_in(d, "day"), s, self.r1000(self.logn(40000, 0.6)))

    def sim_wholesalers(self):
        r = self.rnd
        for w in self.S["wholesaler"]:
            prod = r.choice(self.suppliers)
            for d in range(self.D):
                if r.random() < 0.3:
                    self.bank_tr(self.t_in(d, "office"), w.card, prod.iban, self.r1000(self.logn(900000, 0.6)))
                if r.random() < 0.2:
                    self.cash(self.t_in(d, "day"), w, self.r1000(self.logn(150000, 0.5)))

    def sim_taxi(self):
        r = self.rnd
        for drv in self.S["taxi_driver"]:
            prof = "taxi_night" if r.random() < 0.25 else "taxi_day"
            lam = r.uniform(5, 15)
            off = set(r.sample(range(7), r.choice([1, 1, 2])))
            park = r.choice(self.taxi_parks) if r.random() < 0.6 else None
            fuel = r.choice(self.merchants["fuel"])
            week = 0
            for d in range(self.D):
                if self.wd(d) in off:
                    continue
                last = None
                for _ in range(self.poisson(lam)):
                    t = self.t_in(d, prof)
                    amt = min(15000, max(500, self.r100(self.logn(1900, 0.45)) if r.random() < 0.6
                                         else round(self.logn(1900, 0.45))))
                    rider = r.choice(self.phone_people)
                    if rider is drv:
                        continue
                    if self.emit(t, rider.phone, drv.phone, amt, "phone_transfer"):
                        week += amt
                        last = t if last is None else max(last, t)
                if r.random() < 0.7:
                    self.purchase(self.t_in(d, "day"), drv, fuel, round(self.logn(9000, 0.4)))
                if last is not None and r.random() < 0.35:
                    self.cash(last + r.uniform(300, 3600), drv, self.r1000(self.logn(15000, 0.5)))
                if park and self.wd(d) == 0 and week > 0:
                    self.bank_tr(self.t_in(d, "day"), drv.card, park.iban, self.r100(week * r.uniform(0.1, 0.22)))
                    week = 0

    def sim_tutors(self):
        r = self.rnd
        for tu in self.S["tutor"]:
            for parent in r.sample(self.pop, r.randint(4, 15)):
                if parent is tu:
                    continue
                if r.random() < 0.4:
                    self.p2p(self.t_in(r.randrange(min(6, self.D)), "evening"), parent, tu,
                             self.r1000(r.uniform(30000, 90000)))
                else:
                    per = self.r1000(r.uniform(5000, 12000))
                    wdays = r.sample(range(7), r.randint(1, 3))
                    for d in range(self.D):
                        if self.wd(d) in wdays and r.random() < 0.9:
                            self.p2p(self.t_in(d, "evening"), parent, tu, per)

    def sim_charity(self):
        r = self.rnd
        for ch in self.S["charity"]:
            for _ in range(1 if r.random() < 0.75 else 2):
                start = r.randrange(self.D - 3)
                dur = r.randint(1, 3)
                n = r.randint(40, 600)
                total = 0
                last = 0
                for _ in range(n):
                    d = start + min(dur - 1, int(r.expovariate(1.2)))
                    t = self.t_in(d, "evening")
                    amt = r.choice([500, 1000, 1000, 2000, 2000, 3000, 5000, 5000, 10000, 20000, 0])
                    if amt == 0:
                        amt = round(self.logn(3000, 1.0)) + 1
                    if self.p2p(t, r.choice(self.pop), ch, amt):
                        total += amt
                        last = max(last, t)
                if total:
                    t = last + r.uniform(2, 36) * 3600
                    amt = self.r1000(total * r.uniform(0.92, 1.0))
                    if r.random() < 0.6:
                        self.bank_tr(t, ch.card, r.choice(self.clinics).iban, amt)
                    else:
                        self.p2p(t, ch, r.choice(self.pop), amt, mode="card")

    def sim_marketplace(self):
        r = self.rnd
        for s in self.S["marketplace_seller"]:
            mp = r.choice(self.marketplaces)
            direct = r.uniform(0.3, 4.5)
            cargo = r.choice(self.cargo)
            med = self.logn(70000, 0.5)
            for d in range(self.D):
                if self.wd(d) < 5 and r.random() < 0.8:
                    self.bank_tr(self.t_in(d, "office"), mp.iban, s.card, round(self.logn(med, 0.8)))
                for _ in range(self.poisson(direct)):
                    self.p2p(self.t_in(d, "evening"), r.choice(self.pop), s,
                             min(90000, max(2000, self.r100(self.logn(14000, 0.7)))))
                if self.wd(d) == 2 and r.random() < 0.8:
                    self.bank_tr(self.t_in(d, "office"), s.card, cargo.iban, self.r1000(self.logn(400000, 0.7)))
                if r.random() < 0.1:
                    self.cash(self.t_in(d, "day"), s, self.r1000(self.logn(60000, 0.6)))

    def sim_students(self):
        r = self.rnd
        students = [p for p in self.pop if p.kind == "student"]
        for org in self.S["student_organizer"]:
            for _ in range(r.randint(1, 2)):
                mates = r.sample(students, min(len(students), r.randint(10, 35)))
                price = r.choice([2000, 3000, 5000, 5000, 8000, 10000, 12000, 15000])
                start = r.randrange(self.D - 3)
                dur = r.randint(1, 3)
                total, last = 0, 0
                for m in mates:
                    if m is org or r.random() < 0.1:
                        continue
                    t = self.t_in(start + r.randrange(dur), "evening")
                    amt = price if r.random() < 0.9 else price * 2
                    if self.p2p(t, m, org, amt):
                        total += amt
                        last = max(last, t)
                if total:
                    t = last + r.uniform(1, 48) * 3600
                    if r.random() < 0.5:
                        self.bank_tr(t, org.card, r.choice(self.merchants["restaurant"]).iban, total)
                    else:
                        self.p2p(t, org, r.choice(self.pop), total, mode="card")

    def sim_landlords(self):
        r = self.rnd
        for ll in self.S["landlord"]:
            for ten in r.sample(self.pop, r.randint(1, 4)):
                if ten is ll:
                    continue
                t = self.t_in(r.randrange(0, min(7, self.D)), "evening")
                amt = self.r1000(r.uniform(110000, 350000))
                if ll.iban and r.random() < 0.5:
                    self.bank_tr(t, ten.card, ll.iban, amt)
                else:
                    self.p2p(t, ten, ll, amt)
                    if r.random() < 0.3:
                        self.p2p(t + r.uniform(600, 86400), ll, self.relative(ll), self.r1000(amt * r.uniform(0.3, 0.8)))
        for ll in self.S["daily_rent"]:
            cleaner = r.choice(self.pop)
            lam = r.uniform(0.5, 1.6)
            for d in range(self.D):
                for _ in range(self.poisson(lam)):
                    t = self.t_in(d, "any")
                    nights = r.choice([1, 1, 1, 2, 2, 3])
                    amt = self.r1000(r.uniform(9000, 30000)) * nights
                    if self.p2p(t, r.choice(self.pop), ll, amt):
                        x = r.random()
                        if x < 0.3:
                            self.cash(t + r.uniform(600, 3 * 3600), ll, self.r1000(amt * r.uniform(0.5, 1.0)))
                        elif x < 0.55:
                            self.p2p(t + r.uniform(1800, 8 * 3600), ll, cleaner, r.choice([3000, 4000, 5000]))

    def sim_forwarders(self):
        r = self.rnd
        for f in self.S["salary_forwarder"]:
            fam = [self.relative(f)]
            if r.random() < 0.35:
                fam.append(self.relative(f))
            share = r.uniform(0.3, 0.9)
            for (t, amt) in f.income:
                t2 = t + r.uniform(120, 1800)
                tot = self.r1000(amt * share * r.uniform(0.9, 1.05))
                if len(fam) == 2 and r.random() < 0.6:
                    a = self.r1000(tot * r.uniform(0.4, 0.7))
                    self.p2p(t2, f, fam[0], a)
                    self.p2p(t2 + r.uniform(30, 600), f, fam[1], tot - a)
                else:
                    self.p2p(t2, f, fam[0], tot)
                if r.random() < 0.4:
                    self.cash(t2 + r.uniform(600, 7200), f, self.r1000(amt * r.uniform(0.05, 0.3)))

    def sim_crypto_buyers(self):
        r = self.rnd
        for c in self.S["crypto_buyer"]:
            exs = r.choices(self.exchangers, weights=self.ex_w, k=2)
            for _ in range(r.randint(1, 6)):
                if c.income and r.random() < 0.5:
                    t0, a0 = r.choice(c.income)
                    t = t0 + r.uniform(60, 3600)
                    amt = a0 * r.uniform(0.1, 0.7)
                else:
                    t = self.t_in(r.randrange(self.D), "evening")
                    amt = min(2_000_000, max(5000, self.logn(50000, 0.9)))
                amt = self.r1000(amt) if r.random() < 0.7 else round(amt, 2)
                self.crypto(t, c, r.choice(exs), amt)
            if r.random() < 0.25:   # sells crypto: exchanger pays out, then often cashes out
                t = self.t_in(r.randrange(self.D), "any")
                amt = round(self.logn(120000, 0.8), 2)
                ex = r.choice(exs)
                self.emit(t, ex.iban, c.card, amt, "bank_transfer")
                if r.random() < 0.5:
                    self.cash(t + r.uniform(300, 5400), c, self.r1000(amt * r.uniform(0.5, 0.95)))

    def sim_p2p_traders(self):
        """Benign P2P crypto traders: many tenge payments in, big buys at exchangers out."""
        r = self.rnd
        for tr in self.S["p2p_trader"]:
            ex = r.choices(self.exchangers, weights=self.ex_w)[0]
            lam = r.uniform(3, 14)
            ins = list(tr.extra_in)
            for d in range(self.D):
                for _ in range(self.poisson(lam)):
                    t = self.t_in(d, "any")
                    amt = min(1_500_000, max(5000, self.logn(60000, 0.9)))
                    amt = self.r1000(amt) if r.random() < 0.6 else round(amt)
                    if self.p2p(t, r.choice(self.pop), tr, amt, mode="card"):
                        ins.append((t, amt))
                for _ in range(self.poisson(1.2)):
                    self.p2p(self.t_in(d, "any"), tr, r.choice(self.pop), self.r1000(self.logn(80000, 0.8)), mode="card")
            ins.sort()
            bal, thr = 0, r.uniform(200000, 900000)
            for t, a in ins:
                bal += a
                if bal >= thr:
                    amt = round(bal * r.uniform(0.9, 1.0), 2)
                    self.crypto(t + r.uniform(600, 7200), tr, ex, amt)
                    bal -= amt

    # ------------------------------------------------------------------ drug shops
    def new_illicit(self, role, phone_p=0.8, iban_p=0.0):
        p = self.person(role=role, kind="illicit", phone_p=phone_p, iban_p=iban_p)
        r = self.rnd
        p.friends = r.sample(self.pop, 6)
        cats = r.choices(self.mcats, weights=self.mcat_w, k=r.randint(4, 8))
        p.favs = [r.choice(self.merchants[c]) for c in cats]
        return p

    def light_life(self, p, n_purch, start=0, end=None):
        r = self.rnd
        end = self.T_END if end is None else end
        lo, hi = max(0, int(start // 86400)), min(self.D - 1, int(end // 86400))
        for _ in range(n_purch):
            if hi < lo:
                break
            m = r.choice(p.favs)
            med, sig, _ = MCAT[m.kind[9:]]
            self.purchase(self.t_in(r.randint(lo, hi), "shop"), p, m, max(150, round(self.logn(med, sig))))

    def send(self, t, src, dst, amt, src_pub="card", prefer_phone=0.7):
        """Illicit transfer from src (using its published rail if phone) to dst."""
        if src_pub == "phone" and src.phone and dst.phone and self.rnd.random() < prefer_phone:
            return self.emit(t, src.phone, dst.phone, amt, "phone_transfer")
        return self.emit(t, src.card, dst.card, amt, "card_p2p")

    def split(self, total, k, careful):
        r = self.rnd
        if k <= 1:
            return [total]
        cuts = sorted(r.uniform(0.15, 0.85) for _ in range(k - 1))
        parts, prev = [], 0.0
        for c in cuts + [1.0]:
            parts.append(total * (c - prev))
            prev = c
        if careful:
            parts = [round(x / 10) * 10 for x in parts]
        else:
            parts = [self.r1000(x) for x in parts]
        return [x for x in parts if x > 0]

    def sim_shops(self):
        r = self.rnd
        D = self.D
        non_illicit = [p for p in self.pop]
        # buyers: a few percent of the population buy from one (sometimes two) shops
        buyers_all = r.sample(non_illicit, int(len(non_illicit) * self.params["buyer_share"]))
        buyer_ids = {id(b) for b in buyers_all}
        styles = (["careful", "careless"] * self.n_shops)[:self.n_shops]
        r.shuffle(styles)
        for si in range(self.n_shops):
            careful = styles[si] == "careful"
            sh = {"id": si + 1, "careful": careful}
            n_total = r.randint(12, 40)
            n_l2 = r.randint(2, 5) if careful else r.choice([0, 0, 1])
            n_l1 = n_total - n_l2
            conc = 1 if n_l1 < 16 else r.choice([1, 2, 2, 3])
            orders_pd = r.uniform(8, 22) if careful else r.uniform(15, 45)
            price_lvl = r.uniform(0.8, 1.3)
            unique_tail = r.random() < 0.35
            start_day = 0 if r.random() < 0.75 else r.randint(3, 12)
            end_day = D if r.random() < 0.85 else r.randint(D - 10, D - 3)
            sh.update(n_l1=n_l1, n_l2=n_l2, conc=conc, orders_pd=round(orders_pd, 1), start_day=start_day,
                      end_day=end_day, unique_tail=unique_tail)
            owner = self.new_illicit("shop_owner", phone_p=0.9, iban_p=0.5)
            collectors = [self.new_illicit("collector", phone_p=0.85, iban_p=0.2) for _ in range(r.randint(1, 3))]
            n_cash = r.randint(0, 3)
            cashouts = []
            for _ in range(n_cash):
                c = self.new_illicit("cashout", phone_p=0.6)
                c.aux = "otc" if r.random() < 0.35 else "atm"
                cashouts.append(c)
            my_ex = r.choices(self.exchangers, weights=self.ex_w, k=2)
            my_traders = r.sample(self.S["p2p_trader"], 2) if r.random() < 0.5 else []
            w_ex = r.uniform(0.2, 1.0)
            w_cash = r.uniform(0.3, 1.0) if cashouts else 0.0
            w_trad = r.uniform(0.1, 0.5) if my_traders else 0.0
            sh.update(n_collectors=len(collectors), n_cashouts=len(cashouts),
                      cashout_types=[c.aux for c in cashouts], uses_p2p_traders=bool(my_traders))
            # ---- drops and their schedule
            win0, win1 = start_day * 86400, end_day * 86400
            mean_life = (win1 - win0) * conc / n_l1
            drops = []
            slot_t = [win0 + r.uniform(0, 6 * 3600) for _ in range(conc)]
            for i in range(n_l1):
                s = i % conc
                st = slot_t[s]
                if st >= win1:
                    break
                life = min(5 * 86400, max(3 * 3600, mean_life * r.uniform(0.4, 1.6)))
                if careful:
                    life = min(life, 2.5 * 86400)
                if st + life > win1:
                    life = win1 - st
                cand = None
                if r.random() < 0.2:
                    for j in range(len(self.free_pool) - 1, -1, -1):
                        q = self.free_pool[j]
                        if q.kind in ("student", "other", "employed") and id(q) not in buyer_ids:
                            cand = self.free_pool.pop(j)
                            break
                recruit = cand is not None
                if recruit:
                    d = cand
                    d.role = "drop"
                    d.special = "recruited_drop"
                else:
                    d = self.new_illicit("drop", phone_p=0.75)
                d.pub = "phone" if (d.phone and r.random() < 0.45) else "card"
                d.start, d.end = st, st + life
                d.inflows = []
                d.aux = {"recruited": bool(recruit)}
                drops.append(d)
                slot_t[s] = st + life + r.uniform(0, 3 * 3600)
            # extend the last drops so the shop is reachable till its end (capped at 5 days)
            for d in drops[-conc:]:
                d.end = max(d.end, min(win1, d.start + 5 * 86400))
            l2s = []
            for _ in range(n_l2):
                d = self.new_illicit("drop", phone_p=0.5)
                d.pub = "card"
                d.start = win0 + r.uniform(0, max(1, win1 - win0 - 5 * 86400))
                d.end = min(win1, d.start + r.uniform(5, 15) * 86400)
                d.inflows = []
                d.aux = {"recruited": False, "layer2": True}
                l2s.append(d)
            # ---- orders
            pool = r.sample(buyers_all, max(30, min(len(buyers_all), int(orders_pd * D / r.uniform(2, 3.5)))))
            pw = [r.paretovariate(2.0) for _ in pool]
            menu = [4000, 7000, 10000, 15000, 20000, 28000, 40000, 55000]
            mw = [10, 20, 22, 18, 12, 8, 5, 3]
            n_orders = 0
            for dday in range(start_day, end_day):
                lam = orders_pd * (1.25 if self.wd(dday) in (4, 5) else 1.0) * (1.2 if dday in (6, 7, 20, 21) else 1.0)
                for _ in range(self.poisson(lam)):
                    t = self.t_in(dday, "night")
                    act = [d for d in drops if d.start <= t < d.end]
                    if not act:
                        continue
                    d = r.choice(act)
                    b = r.choices(pool, weights=pw)[0]
                    base = r.choices(menu, weights=mw)[0] * price_lvl
                    amt = min(60000, max(3000, self.r100(base)))
                    if unique_tail:
                        amt = min(60000, amt + r.randint(1, 499))
                    parts = [amt]
                    if r.random() < 0.04 and amt >= 10000:
                        a1 = self.r100(amt * r.uniform(0.3, 0.7))
                        parts = [a1, amt - a1]
                    tt = t
                    for a in parts:
                        if d.pub == "phone" and b.phone:
                            ok = self.emit(tt, b.phone, d.phone, a, "phone_transfer")
                        else:
                            ok = self.emit(tt, b.card, d.card, a, "card_p2p")
                        if ok:
                            d.inflows.append((tt, a))
                            n_orders += 1
                        tt += r.uniform(20, 240)
            sh["buyer_payments"] = n_orders
            sh["buyers"] = len(pool)
            # ---- drop forwarding
            cash_drop_p = 0.05 if careful else 0.2
            for d in drops:
                self.forward_drop(sh, d, collectors, l2s, careful, cash_drop_p)
                if careful and not d.aux["recruited"]:
                    # look-normal activity: a few purchases, a small transfer from someone
                    self.light_life(d, r.randint(1, 4), d.start - 2 * 86400, d.end + 86400)
                    if r.random() < 0.5:
                        self.p2p(d.start - r.uniform(3600, 3 * 86400), r.choice(self.pop), d,
                                 self.r1000(self.logn(5000, 0.5)), mode="card")
            for d in l2s:
                for (t, a) in sorted(d.inflows):
                    c = r.choice(collectors)
                    ft = t + r.uniform(10, 180) * 60
                    amt = round(a * r.uniform(0.97, 1.0) / 10) * 10
                    if self.send(ft, d, c, amt):
                        c.inflows.append((ft, amt))
                self.light_life(d, r.randint(0, 3), d.start, d.end)
            # ---- collectors
            for c in collectors:
                self.sim_collector(sh, c, owner, drops + l2s, cashouts, my_ex, my_traders,
                                   (w_ex, w_cash, w_trad), careful)
                self.light_life(c, r.randint(3, 12) if careful else r.randint(0, 4))
            # ---- cash-out accounts
            for c in cashouts:
                self.sim_cashout(c, owner, my_ex)
                self.light_life(c, r.randint(0, 5))
            # ---- owner
            self.sim_owner(owner, my_ex)
            sh["drops"] = len(drops) + len(l2s)
            self.shops.append(sh)
            self.shop_people = getattr(self, "shop_people", []) + [owner] + collectors + cashouts + drops + l2s

    def forward_drop(self, sh, d, collectors, l2s, careful, cash_drop_p):
        r = self.rnd
        inflows = sorted(d.inflows)
        if not inflows:
            return
        cut = r.uniform(0.03, 0.1)
        mode = "cash" if r.random() < cash_drop_p else "forward"
        blocked = r.random() < 0.12
        main_col = r.choice(collectors)
        thr = r.uniform(30000, 120000) if not careful else None
        interval = r.uniform(3, 10) * 3600
        next_t = inflows[0][0] + interval
        bal, kept = 0.0, 0.0

        def out(t, amt):
            if mode == "cash":
                rem = amt
                while rem > 0:
                    a = min(rem, self.r1000(r.uniform(150000, 300000)))
                    self.cash(t, d, a)
                    rem -= a
                    t += r.uniform(3, 25) * 60
                return
            parts = self.split(amt, r.randint(1, 4) if careful else r.choice([1, 1, 1, 2]), careful)
            for a in parts:
                if careful and l2s and r.random() < 0.35:
                    l2 = r.choice(l2s)
                    if self.send(t, d, l2, a, d.pub):
                        l2.inflows.append((t, a))
                else:
                    c = main_col if r.random() < 0.75 else r.choice(collectors)
                    if self.send(t, d, c, a, d.pub):
                        c.inflows.append((t, a))
                t += r.uniform(2, 40) * 60

        for (t, a) in inflows:
            bal += a
            if careful:
                if t >= next_t and bal > 15000:
                    amt = round(bal * (1 - cut) / 10) * 10
                    out(t + r.uniform(20, 180) * 60, amt)
                    kept += bal - amt
                    bal = 0
                    next_t = t + interval * r.uniform(0.7, 1.3)
            else:
                if bal >= thr:
                    amt = bal * (1 - cut)
                    amt = math.floor(amt / 1000) * 1000 if r.random() < 0.7 else round(amt)
                    out(t + r.uniform(3, 45) * 60, amt)
                    kept += bal - amt
                    bal = 0
        last_t = inflows[-1][0]
        if not blocked and bal > 3000:
            amt = round(bal * (1 - cut))
            out(max(last_t, min(d.end, last_t + 3600)) + r.uniform(10, 360) * 60, amt)
            kept += bal - amt
        elif blocked:
            self.stats["blocked_drops"] += 1
        # the drop's own cut
        if kept > 5000 and r.random() < 0.6:
            if careful:
                self.light_life(d, r.randint(1, 3), d.start, d.end + 2 * 86400)
            else:
                self.cash(last_t + r.uniform(1, 30) * 3600, d, self.r1000(kept * r.uniform(0.6, 1.0)))

    def sim_collector(self, sh, c, owner, drops, cashouts, exs, traders, w, careful):
        r = self.rnd
        ins = sorted(c.inflows)
        if not ins:
            return
        interval = r.uniform(8, 26) * 3600 if careful else r.uniform(2, 8) * 3600
        min_sweep = r.uniform(150000, 400000)
        t = ins[0][0] + interval * r.uniform(0.3, 1.0)
        i, bal, since_owner = 0, 0.0, 0.0
        next_owner = ins[0][0] + r.uniform(3, 7) * 86400
        dests = ["ex", "cash", "trad"]
        while t < self.T_END:
            while i < len(ins) and ins[i][0] <= t:
                bal += ins[i][1]
                since_owner += ins[i][1]
                i += 1
            if bal >= min_sweep:
                X = bal * r.uniform(0.85, 1.0)
                bal -= X
                tt = t
                if tt >= next_owner:
                    amt = self.r1000(min(X * 0.6, since_owner * r.uniform(0.15, 0.35)))
                    if owner.iban and r.random() < 0.3:
                        ok = self.bank_tr(tt, c.card, owner.iban, amt)
                    else:
                        ok = self.send(tt, c, owner, amt)
                    if ok:
                        owner.inflows.append((tt, amt))
                    X -= amt
                    since_owner = 0
                    next_owner = tt + r.uniform(3, 8) * 86400
                    tt += r.uniform(2, 20) * 60
                if r.random() < (0.2 if careful else 0.45):
                    recent = [d for d in drops if d.end > tt - 2 * 86400 and d.start < tt]
                    for d in r.sample(recent, min(len(recent), r.randint(1, 3))):
                        a = r.choice([5000, 7000, 10000, 15000, 20000, 30000])
                        self.send(tt, c, d, a)
                        X -= a
                        tt += r.uniform(1, 15) * 60
                chunk_lo, chunk_hi = (80000, 450000) if careful else (300000, 2000000)
                while X > 20000:
                    a = min(X, r.uniform(chunk_lo, chunk_hi))
                    a = round(a / 10) * 10 if careful else self.r1000(a)
                    a = min(a, X)
                    dest = r.choices(dests, weights=w)[0]
                    if dest == "ex" or (dest == "cash" and not cashouts) or (dest == "trad" and not traders):
                        self.crypto(tt, c, r.choice(exs), round(a, 2))
                    elif dest == "cash":
                        co = r.choice(cashouts)
                        if self.send(tt, c, co, a):
                            co.inflows.append((tt, a))
                    else:
                        tr = r.choice(traders)
                        if self.send(tt, c, tr, a):
                            tr.extra_in.append((tt, a))
                    X -= a
                    tt += r.uniform(1, 25) * 60
                bal += max(0, X)
            t += interval * r.uniform(0.6, 1.4)

    def sim_cashout(self, c, owner, exs):
        r = self.rnd
        for (t, a) in sorted(c.inflows):
            tt = t + (r.uniform(5, 90) * 60 if c.aux == "otc" else r.uniform(10, 300) * 60)
            if c.aux == "otc":
                self.crypto(tt, c, r.choice(exs), round(a * r.uniform(0.97, 0.995), 2))
            else:
                rem = a * r.uniform(0.95, 1.0)
                lim = r.choice([200000, 300000, 500000])
                while rem >= 1000:
                    x = min(rem, lim)
                    x = math.floor(x / 1000) * 1000 if x >= 1000 else 0
                    if x <= 0:
                        break
                    self.cash(tt, c, x)
                    rem -= x
                    tt += r.uniform(3, 40) * 60
        if c.aux == "otc":   # a shady exchanger card also takes a few payments from ordinary people
            for _ in range(self.poisson(self.D * 0.6)):
                t = self.t_in(r.randrange(self.D), "any")
                amt = self.r1000(self.logn(50000, 0.8))
                if self.p2p(t, r.choice(self.pop), c, amt, mode="card"):
                    self.crypto(t + r.uniform(5, 90) * 60, c, r.choice(exs), round(amt * 0.98, 2))

    def sim_owner(self, o, exs):
        r = self.rnd
        fam = r.sample(self.pop, 2)
        for (t, a) in sorted(o.inflows):
            if r.random() < 0.55:
                self.crypto(t + r.uniform(0.5, 12) * 3600, o, r.choice(exs), self.r1000(a * r.uniform(0.3, 0.8)))
            if r.random() < 0.4:
                self.p2p(t + r.uniform(1, 48) * 3600, o, r.choice(fam), self.r1000(self.logn(80000, 0.6)))
            if r.random() < 0.3:
                self.cash(t + r.uniform(1, 48) * 3600, o, self.r1000(self.logn(150000, 0.5)))
            if r.random() < 0.3:
                m = r.choice(self.merchants[r.choice(["electronics", "restaurant", "clothing"])])
                med, sig, _ = MCAT[m.kind[9:]]
                self.purchase(t + r.uniform(2, 72) * 3600, o, m, round(self.logn(med * 2.5, sig)))
        self.light_life(o, r.randint(10, 30))
        for (u, med, sig, org) in r.sample(self.utilities, 3):
            self.bank_tr(self.t_in(r.randrange(min(15, self.D)), "day"), o.card, org.iban, round(self.logn(med, sig)))

    # ------------------------------------------------------------------ run + write
    def run(self):
        self.build_world()
        self.assign_specials()
        self.sim_shops()
        for p in self.pop:
            if p.special in (None, "recruited_drop", "crypto_buyer", "salary_forwarder", "landlord"):
                self.ordinary_life(p, 1.0)
            else:
                self.ordinary_life(p, 0.6)
        self.sim_market_sellers()
        self.sim_wholesalers()
        self.sim_taxi()
        self.sim_tutors()
        self.sim_charity()
        self.sim_marketplace()
        self.sim_students()
        self.sim_landlords()
        self.sim_forwarders()
        self.sim_crypto_buyers()
        self.sim_p2p_traders()

    def fmt_ts(self, t, bank):
        base = T0 + timedelta(seconds=t)
        if bank == "FREEDOM":
            return (base - timedelta(hours=5)).strftime("%Y-%m-%dT%H:%M:%SZ")
        if bank == "EURASIAN":
            return (base + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%S+06:00")
        return base.strftime("%Y-%m-%dT%H:%M:%S+05:00")

    def write(self, out):
        r = self.rnd
        os.makedirs(out, exist_ok=True)
        # feed order: mostly by time, ~4% of rows arrive 20 s - 7 min late
        keyed = []
        for e in self.ev:
            k = e[0] + (r.uniform(20, 420) if r.random() < 0.04 else 0)
            keyed.append((k, e))
        keyed.sort(key=lambda x: x[0])
        used = set()
        with open(os.path.join(out, "transactions.csv"), "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["tx_id", "timestamp", "payer_account", "payee_account", "amount", "currency",
                        "channel", "payer_bank", "payee_bank"])
            for n, (_, (t, a, b, amt, ch, pb)) in enumerate(keyed, 1):
                ab = self.acc_bank[a]
                bb = pb if b == "CASH" else self.acc_bank[b]
                w.writerow(["TX%09d" % n, self.fmt_ts(t, ab), a, b, "%.2f" % amt, "KZT", ch, ab, bb])
                used.add(a)
                if b != "CASH":
                    used.add(b)
        self.n_rows = len(keyed)
        roles = {}
        for acc in used:
            roles[acc] = self.acc_owner[acc].role
        with open(os.path.join(out, "labels.csv"), "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["account", "role"])
            for acc in sorted(roles):
                w.writerow([acc, roles[acc]])
        self.roles = roles
        # KYC link feed: which accounts (card, phone, IBAN) belong to the same holder, under a pseudonym.
        # Banks and the FIU know this; it uses no random draws, so the traffic is the same with or without it.
        holder_ids = {}
        with open(os.path.join(out, "accounts.csv"), "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["account", "holder"])
            for acc in sorted(roles):
                owner = self.acc_owner[acc]
                if id(owner) not in holder_ids:
                    holder_ids[id(owner)] = "H%06d" % (len(holder_ids) + 1)
                w.writerow([acc, holder_ids[id(owner)]])
        # watchlist
        drop_people = [p for p in self.shop_people if p.role == "drop"]
        drop_accounts = [a for a, ro in roles.items() if ro == "drop"]
        pubs = []
        for p in drop_people:
            acc = p.phone if p.pub == "phone" else p.card
            if acc in roles:
                pubs.append(acc)
        k = int(round(len(drop_accounts) * 0.20))
        wl = [(a, "phone" if a.startswith("+") else "card", "ads") for a in r.sample(pubs, min(k, len(pubs)))]
        self.wl_drops = len(wl)
        stale = []
        for i in range(10):
            stale.append(self.new_phone() if i % 3 == 0 else self.new_card())
        wl += [(a, "phone" if a.startswith("+") else "card", "ads") for a in stale]
        mistakes = []
        for role_key, prefer in (("market_seller", "card"), ("taxi_driver", "phone"), ("daily_rent", "card")):
            cand = [p for p in self.S[role_key] if (p.phone if prefer == "phone" else p.card) in roles]
            if cand:
                p = r.choice(cand)
                mistakes.append(p.phone if prefer == "phone" else p.card)
        wl += [(a, "phone" if a.startswith("+") else "card", "ads") for a in mistakes]
        self.wl_stale, self.wl_mistakes = stale, mistakes
        r.shuffle(wl)
        with open(os.path.join(out, "watchlist.csv"), "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["identifier", "type", "source"])
            for row in wl:
                w.writerow(row)
        self.wl = wl


T0 = datetime(2026, 3, 1, 0, 0, 0)   # local Asia/Almaty (+05:00)


def luhn_digit(partial):
    total = 0
    for i, ch in enumerate(reversed(partial)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def luhn_ok(num):
    return luhn_digit(num[:-1]) == num[-1]


RE_CARD = re.compile(r"^\d{16}$")
RE_PHONE = re.compile(r"^\+77\d{9}$")
RE_IBAN = re.compile(r"^KZ[0-9A-Z]{18}$")


def acc_ok(a):
    if RE_CARD.match(a):
        return luhn_ok(a)
    return bool(RE_PHONE.match(a) or RE_IBAN.match(a))


def verify(out):
    """Re-read the files and check them; returns a dict of facts."""
    errors = []
    labels = {}
    with open(os.path.join(out, "labels.csv"), newline="") as f:
        rd = csv.reader(f)
        if next(rd) != ["account", "role"]:
            errors.append("labels header")
        for row in rd:
            if len(row) != 2 or row[1] not in ROLES:
                errors.append("bad label row %r" % row)
            if row[0] in labels:
                errors.append("duplicate label %s" % row[0])
            labels[row[0]] = row[1]
    seen, ids = set(), set()
    rows, out_of_order, prev = 0, 0, None
    ch_count = Counter()
    tz_count = Counter()
    hdr = ["tx_id", "timestamp", "payer_account", "payee_account", "amount", "currency", "channel",
           "payer_bank", "payee_bank"]
    illicit_rows = 0
    with open(os.path.join(out, "transactions.csv"), newline="") as f:
        rd = csv.reader(f)
        if next(rd) != hdr:
            errors.append("transactions header")
        for row in rd:
            rows += 1
            if len(row) != 9:
                errors.append("row width %r" % row)
                continue
            tx, ts, a, b, amt, cur, ch, ab, bb = row
            if tx in ids:
                errors.append("dup tx " + tx)
            ids.add(tx)
            try:
                t = datetime.fromisoformat(ts.replace("Z", "+00:00"))
                if t.utcoffset() is None:
                    raise ValueError
            except ValueError:
                errors.append("bad ts " + ts)
                continue
            tz_count[ts[19:]] += 1
            if prev is not None and t < prev:
                out_of_order += 1
            prev = t if prev is None or t > prev else prev
            try:
                v = float(amt)
                if v <= 0 or len(amt.split(".")[1]) != 2:
                    raise ValueError
            except (ValueError, IndexError):
                errors.append("bad amount " + amt)
            if cur != "KZT":
                errors.append("currency " + cur)
            if ch not in CHANNELS:
                errors.append("channel " + ch)
            ch_count[ch] += 1
            if ab not in BANKS or bb not in BANKS:
                errors.append("bank %s %s" % (ab, bb))
            if (b == "CASH") != (ch == "cash_withdrawal"):
                errors.append("CASH/channel mismatch %s" % tx)
            if ch == "phone_transfer" and not (a.startswith("+77") and b.startswith("+77")):
                errors.append("phone_transfer without phones %s" % tx)
            for acc in (a, b):
                if acc == "CASH" and acc is b:
                    continue
                if not acc_ok(acc):
                    errors.append("bad account %s" % acc)
                seen.add(acc)
            if labels.get(a, "benign") != "benign" or labels.get(b, "benign") != "benign":
                illicit_rows += 1
            if len(errors) > 50:
                break
    missing = [a for a in seen if a not in labels]
    extra = [a for a in labels if a not in seen]
    if missing:
        errors.append("%d accounts without label" % len(missing))
    if extra:
        errors.append("%d labels for accounts not in transactions" % len(extra))
    role_count = Counter(labels.values())
    wl = []
    with open(os.path.join(out, "watchlist.csv"), newline="") as f:
        rd = csv.reader(f)
        next(rd)
        for row in rd:
            wl.append(row)
    wl_roles = Counter(labels.get(x[0], "not_in_transactions") for x in wl)
    return dict(errors=errors, rows=rows, out_of_order=out_of_order, channels=ch_count, tz=tz_count,
                roles=role_count, accounts=len(labels), illicit_rows=illicit_rows, watchlist=len(wl),
                wl_roles=wl_roles)


def write_readme(out, sim, facts, argv):
    n_acc = facts["accounts"]
    illicit = sum(v for k, v in facts["roles"].items() if k in ILLICIT)
    size = sum(os.path.getsize(os.path.join(out, f)) for f in ("transactions.csv", "labels.csv", "watchlist.csv"))
    L = []
    L.append("# Independent payment-traffic simulation (synthetic)\n")
    L.append("Generated by `../simulate.py` (Python 3, standard library only), written without looking at the "
             "Tartip code or data. Every person, card, phone and account here is invented: card numbers are "
             "random digits after the BIN-like prefixes 440043 / 516949 with a valid Luhn digit, phones are "
             "random `+77...`, accounts are random `KZ` + 18 characters.\n")
    L.append("Command: `%s`\n" % " ".join(argv))
    L.append("## Files\n")
    L.append("- `transactions.csv`: %d rows, 1-%d March 2026. Timestamps are local +05:00; rows whose payer bank "
             "is FREEDOM are written in UTC (`Z`) and EURASIAN rows in `+06:00` (same instants, different feed "
             "conventions). About 4%% of rows arrive 20 s - 7 min late, so the file is only roughly "
             "time-ordered (%d rows earlier than a previous row)." % (facts["rows"], sim.D, facts["out_of_order"]))
    L.append("- `labels.csv`: role of every account that appears in transactions (the placeholder payee `CASH` of "
             "cash withdrawals is not an account and has no label). A person's card, phone and IBAN are separate "
             "accounts with the same role. Drug buyers are `benign`.")
    L.append("- `accounts.csv`: the KYC link feed, `account,holder`: every account that appears in transactions "
             "with a pseudonym of its holder (a person's card, phone and IBAN share one). Added after the first "
             "version; it uses no random draws, so the other files are unchanged by it.")
    L.append("- `watchlist.csv`: %d identifiers found in ads: %d published drop cards/phones (~20%% of drop "
             "accounts), %d stale identifiers absent from the transactions, %d benign accounts listed by "
             "mistake.\n" % (facts["watchlist"], sim.wl_drops, len(sim.wl_stale), len(sim.wl_mistakes)))
    L.append("## Counts\n")
    L.append("| role | accounts |\n|---|---|")
    for ro in ROLES:
        L.append("| %s | %d |" % (ro, facts["roles"].get(ro, 0)))
    L.append("| total | %d |\n" % n_acc)
    L.append("Illicit accounts: %d of %d = %.2f%%. Rows touching an illicit account: %d (%.2f%%). "
             "Total size of the three CSVs: %.1f MB.\n" % (illicit, n_acc, 100.0 * illicit / n_acc,
                                                          facts["illicit_rows"], 100.0 * facts["illicit_rows"] / facts["rows"],
                                                          size / 1e6))
    L.append("Rows by channel: " + ", ".join("%s %d" % (k, v) for k, v in sorted(facts["channels"].items())) + "\n")
    L.append("## Parameters\n")
    L.append("seed %d, %d persons in the population (plus organisations and illicit people), %d days, %d shops. "
             "Benign look-alike counts: %s.\n" % (sim.seed, sim.n_persons, sim.D, sim.n_shops,
                                                 ", ".join("%s %d" % (k, len(v)) for k, v in sim.S.items())))
    L.append("| shop | style | L1 drops | L2 drops | concurrent | orders/day | buyers | buyer payments | collectors | cash-out accts | days active |")
    L.append("|---|---|---|---|---|---|---|---|---|---|---|")
    for s in sim.shops:
        L.append("| %d | %s | %d | %d | %d | %s | %d | %d | %d | %d %s | %d-%d |" % (
            s["id"], "careful" if s["careful"] else "careless", s["n_l1"], s["n_l2"], s["conc"], s["orders_pd"],
            s["buyers"], s["buyer_payments"], s["n_collectors"], s["n_cashouts"],
            "(" + ",".join(s["cashout_types"]) + ")" if s["cashout_types"] else "", s["start_day"] + 1, s["end_day"]))
    L.append("")
    L.append("## Illicit typology\n")
    L.append("- Buyers (ordinary people, label benign) pay the shop's current drop 3,000-60,000 KZT from a price "
             "menu, mostly 18:00-02:00, by `card_p2p` or `phone_transfer` (if the drop's published detail is a "
             "phone). Some shops ask for a unique tail (+1..499 KZT); ~4% of orders are paid in two parts.")
    L.append("- Drops rotate: each lives hours to ~5 days, then a new one replaces it; 1-3 active at a time. "
             "About 20% of drops are recruited ordinary people (their earlier/later ordinary life stays in the "
             "data, label drop). Careless shops: drop forwards after a balance threshold (30-120k) within "
             "3-45 min, in 1-2 round transfers; ~20% of drops instead cash out at ATMs. Careful shops: forward "
             "every 3-10 h, 20-180 min late, split into 1-4 non-round parts, ~35% of parts via a second-layer "
             "drop (which forwards 10-180 min later); drops also make a few normal purchases. Drops keep a "
             "3-10% cut; ~12% are blocked and never forward the rest.")
    L.append("- Collectors (1-3 per shop) sweep every 2-8 h (careless) or 8-26 h (careful): pay the owner every "
             "3-8 days (15-35% of intake, card or bank transfer), sometimes pay recent drops a 5-30k 'salary', "
             "and send the rest in chunks to public crypto exchangers (`crypto_exchange`), to the shop's cash-out "
             "accounts, or to benign P2P crypto traders (who unknowingly take drug money; label benign).")
    L.append("- Cash-out accounts: `atm` mules withdraw 95-100% in 200-500k ATM chunks within hours; `otc` shady "
             "exchanger cards pass 97-99.5% to a public exchanger and also take some payments from ordinary "
             "people. Owners buy crypto, pay family, withdraw cash and shop.")
    L.append("- Public crypto exchangers (8 accounts, IBAN-like or card) are benign: they serve everybody.\n")
    L.append("## Benign traffic, including hard look-alikes\n")
    L.append("Ordinary people: salaries (bank_transfer from employers, 1-2 paydays), pensions (many cashed within "
             "hours), parents paying students, card purchases, utilities, loan repayments, cash, family and friend "
             "transfers (big families transfer a lot), 8 March gifts. Look-alikes: market sellers paid by "
             "card_p2p/phone by hundreds of customers and paying wholesalers (who in turn receive from many "
             "sellers); taxi drivers paid by phone many times a day (25% night shift), cashing out after shifts; "
             "tutors; charity collections (burst of donations, one big transfer out); marketplace sellers "
             "(platform payouts + evening direct orders); student organisers (collect, then pay all at once); "
             "landlords (monthly rent) and daily-rent landlords (night check-ins, cash right after); salary "
             "forwarders (send 30-90% to family 2-30 min after payday); legitimate crypto buyers (often minutes "
             "after payday) and sellers; benign P2P crypto traders (many payments in, big crypto buys out).\n")
    with open(os.path.join(out, "README.md"), "w") as f:
        f.write("\n".join(L))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=20260301)
    ap.add_argument("--persons", type=int, default=15000)
    ap.add_argument("--days", type=int, default=30)
    ap.add_argument("--shops", type=int, default=8)
    args = ap.parse_args()
    sim = Sim(args.seed, args.persons, args.days, args.shops)
    k = args.persons / 15000.0
    sim.params = dict(
        market_sellers=int(300 * k), taxi_drivers=int(230 * k), tutors=int(120 * k), charity=int(35 * k),
        marketplace_sellers=int(150 * k), student_organizers=int(60 * k), landlords_long=int(120 * k),
        landlords_daily=int(60 * k), salary_forwarders=int(350 * k), crypto_buyers=int(450 * k),
        p2p_traders=max(4, int(40 * k)), buyer_share=0.09)
    sim.run()
    sim.write(args.outdir)
    facts = verify(args.outdir)
    write_readme(args.outdir, sim, facts, ["python3", "simulate.py"] + sys.argv[1:])
    illicit = sum(v for kk, v in facts["roles"].items() if kk in ILLICIT)
    print("rows:", facts["rows"], " out-of-order rows:", facts["out_of_order"])
    print("accounts:", facts["accounts"])
    for ro in ROLES:
        print("  %-10s %d" % (ro, facts["roles"].get(ro, 0)))
    print("illicit share of accounts: %.2f%%" % (100.0 * illicit / facts["accounts"]))
    print("rows touching illicit accounts: %d" % facts["illicit_rows"])
    print("channels:", dict(facts["channels"]))
    print("timestamp suffixes:", dict(facts["tz"]))
    print("watchlist:", facts["watchlist"], dict(facts["wl_roles"]))
    size = sum(os.path.getsize(os.path.join(args.outdir, f)) for f in ("transactions.csv", "labels.csv", "watchlist.csv"))
    print("csv size: %.1f MB" % (size / 1e6))
    if facts["errors"]:
        print("ERRORS:", *facts["errors"][:50], sep="\n  ")
        sys.exit(1)
    print("all checks passed")


if __name__ == "__main__":
    main()
