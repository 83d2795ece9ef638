import type { Label } from './model.ts';

/** Metrics for the evaluation report: precision/recall/F1, confusion, calibration error, baselines. */

export type Prediction = { label: Label; truth: Label; score: number; lang: string; obfuscated: boolean; category: string };
export type PRF = { precision: number; recall: number; f1: number; support: number };

const r4 = (x: number) => Math.round(x * 10000) / 10000;

/** Precision, recall and F1 of "positive" predictions. */
export function prf(preds: readonly { pred: boolean; truth: boolean }[]): PRF {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const p of preds) {
    if (p.pred && p.truth) tp++;
    else if (p.pred) fp++;
    else if (p.truth) fn++;
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision: r4(precision), recall: r4(recall), f1: r4(f1), support: tp + fn };
}

const isDrug = (l: Label) => l !== 'benign';

/** Drug-related (ad or recruitment) versus benign. */
export const drugVsBenign = (ps: readonly Prediction[]): PRF => prf(ps.map((p) => ({ pred: isDrug(p.label), truth: isDrug(p.truth) })));

export function perClass(ps: readonly Prediction[], labels: readonly Label[]): Record<string, PRF> {
  return Object.fromEntries(labels.map((l) => [l, prf(ps.map((p) => ({ pred: p.label === l, truth: p.truth === l })))]));
}

export function confusion(ps: readonly Prediction[], labels: readonly Label[]): number[][] {
  const m = labels.map(() => labels.map(() => 0));
  for (const p of ps) m[labels.indexOf(p.truth)]![labels.indexOf(p.label)]!++;
  return m;
}

/** Expected calibration error of the drug score, 10 equal-width bins. */
export function ece(ps: readonly Prediction[], bins = 10): number {
  const sum = new Array<number>(bins).fill(0);
  const hit = new Array<number>(bins).fill(0);
  const n = new Array<number>(bins).fill(0);
  for (const p of ps) {
    const b = Math.min(bins - 1, Math.floor(p.score * bins));
    sum[b]! += p.score;
    hit[b]! += isDrug(p.truth) ? 1 : 0;
    n[b]!++;
  }
  let e = 0;
  for (let b = 0; b < bins; b++) if (n[b]) e += (n[b]! / ps.length) * Math.abs(sum[b]! / n[b]! - hit[b]! / n[b]!);
  return r4(e);
}

/** Drug-vs-benign metrics per value of a key (language, category, obfuscated). */
export function breakdown(
  ps: readonly Prediction[],
  key: (p: Prediction) => string,
): Record<string, PRF & { n: number; accuracy: number }> {
  const groups = new Map<string, Prediction[]>();
  for (const p of ps) groups.set(key(p), [...(groups.get(key(p)) ?? []), p]);
  return Object.fromEntries(
    [...groups.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, g]) => [
        k,
        { ...drugVsBenign(g), n: g.length, accuracy: r4(g.filter((p) => isDrug(p.label) === isDrug(p.truth)).length / g.length) },
      ]),
  );
}

// The baseline a reviewer would write first: any of these words anywhere in the lower-cased text.
const KEYWORDS = [
  'закладк',
  'клад',
  'меф',
  'мяу',
  'соль',
  'крис',
  'гашиш',
  'гаш',
  'шишк',
  'бошк',
  'амфетамин',
  'фен',
  'кокаин',
  'кокс',
  'героин',
  'лсд',
  'мдма',
  'экстази',
  'спайс',
  'микс',
  'наркот',
  'есірткі',
  'трамадол',
  'лирика',
  'тропикамид',
  'сомнол',
  'закладчик',
  'дроп',
  'mephedrone',
  'weed',
  'cocaine',
  'mdma',
];

/** True when the keyword baseline calls a text drug-related. */
export const keywordBaseline = (text: string): boolean => {
  const t = text.toLowerCase();
  return KEYWORDS.some((k) => t.includes(k));
};

/** Micro precision/recall/F1 of extracted indicators against expected ones. */
export function indicatorScores(cases: readonly { expected: string[]; got: string[] }[]): PRF & { cases: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const c of cases) {
    const exp = new Set(c.expected);
    const got = new Set(c.got);
    for (const g of got)
      if (exp.has(g)) tp++;
      else fp++;
    for (const e of exp) if (!got.has(e)) fn++;
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  return {
    precision: r4(precision),
    recall: r4(recall),
    f1: r4(precision + recall ? (2 * precision * recall) / (precision + recall) : 0),
    support: tp + fn,
    cases: cases.length,
  };
}

/** Indicator scores per type (the part before the first ':' of each `type:value`). */
export function indicatorScoresByType(cases: readonly { expected: string[]; got: string[] }[]): Record<string, PRF> {
  const types = new Set<string>();
  for (const c of cases) for (const x of [...c.expected, ...c.got]) types.add(x.slice(0, x.indexOf(':')));
  const out: Record<string, PRF> = {};
  for (const t of [...types].sort()) {
    const only = (xs: string[]) => xs.filter((x) => x.startsWith(`${t}:`));
    const { cases: _n, ...m } = indicatorScores(cases.map((c) => ({ expected: only(c.expected), got: only(c.got) })));
    out[t] = m;
  }
  return out;
}
