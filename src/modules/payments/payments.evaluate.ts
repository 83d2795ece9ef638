import type { AccountResult } from './engine/types.ts';
import type { SimLabel } from './payments.sim.ts';

export type Evaluation = {
  accounts: number;
  illicit: number;
  flagged: number;
  truePositives: number;
  precision: number;
  recall: number;
  f1: number;
  /** Share of correctly flagged illicit accounts whose role is also right. */
  roleAccuracy: number;
  /** Recall per labelled role, and false positives per benign subtype. */
  recallByRole: Record<string, string>;
  falsePositivesBySubtype: Record<string, number>;
};

/** Account-level precision/recall/F1 of `flag` against labels (only accounts present in the results). */
export function evaluate(results: readonly AccountResult[], labels: ReadonlyMap<string, SimLabel>): Evaluation {
  let illicit = 0;
  let flagged = 0;
  let tp = 0;
  let roleRight = 0;
  const byRole: Record<string, [number, number]> = {};
  const fp: Record<string, number> = {};
  for (const r of results) {
    const l = labels.get(r.account);
    const isIllicit = l !== undefined && l.role !== 'benign';
    if (r.flag) flagged++;
    if (isIllicit) {
      illicit++;
      const c = (byRole[l.role] ??= [0, 0]);
      c[1]++;
      if (r.flag) {
        tp++;
        c[0]++;
        if (r.role === l.role) roleRight++;
      }
    } else if (r.flag) {
      const k = l?.subtype ?? 'unlabelled';
      fp[k] = (fp[k] ?? 0) + 1;
    }
  }
  const precision = flagged > 0 ? tp / flagged : 0;
  const recall = illicit > 0 ? tp / illicit : 0;
  const recallByRole: Record<string, string> = {};
  for (const [k, [hit, all]] of Object.entries(byRole)) recallByRole[k] = `${hit}/${all}`;
  return {
    accounts: results.length,
    illicit,
    flagged,
    truePositives: tp,
    precision,
    recall,
    f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0,
    roleAccuracy: tp > 0 ? roleRight / tp : 0,
    recallByRole,
    falsePositivesBySubtype: fp,
  };
}
