/**
 * bench:payments-live — how well the real-time path (POST /api/payments/decide and the graph pass behind
 * it) finds the illicit accounts, against labels, as alerts would: an account counts as flagged when a
 * decision about it was flagged at the time it was made, or a graph pass flagged it (which raises its
 * alert). Transactions are decided in file order (as they arrive, out-of-order ones included); a graph
 * pass runs every PASS_HOURS of event time on a mirror engine, with the same code as the worker thread
 * (`graphVerdicts`) and the same merge as the live scorer (`withGraph`).
 *
 *   npm run bench:payments-live -- DIR            (DIR/transactions.csv, labels.csv, watchlist.csv if there)
 *   PASS_HOURS=1 npm run bench:payments-live -- DIR
 *   LINKS=1 npm run bench:payments-live -- DIR    (with the KYC link feed DIR/accounts.csv, as the live scorer takes it)
 *   npm run bench:payments-live                   (the module's own simulator, 4,000 accounts, 6 days)
 *
 * DIR as written by the independent simulator: python3 data/payments/independent-sim/simulate.py DIR --seed N.
 * Prints precision, recall and F1 of the live rules alone and with the graph pass. Figures only.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isIssue, parseTxFields } from '../src/modules/payments/engine/csv.ts';
import { PaymentsEngine } from '../src/modules/payments/engine/engine.ts';
import { HolderLinks } from '../src/modules/payments/engine/links.ts';
import { CASH, type AccountResult, type Role } from '../src/modules/payments/engine/types.ts';
import { readLabels, simulateToFiles } from '../src/modules/payments/payments.cli.ts';
import { evaluate } from '../src/modules/payments/payments.evaluate.ts';
import { graphVerdicts, withGraph, type GraphVerdict } from '../src/modules/payments/payments.graph-pass.ts';
import { readCsvRecords, readLinks, readWatchlist } from '../src/modules/payments/payments.score.ts';

const passMs = Number(process.env.PASS_HOURS ?? 6) * 3_600_000;
let dir = process.argv[2];
if (!dir) {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tartip-bench-live-'));
  simulateToFiles(
    { accounts: 4000, days: 6, shops: 3, seed: 'bench-live' },
    path.join(dir, 'transactions.csv'),
    path.join(dir, 'labels.csv'),
  );
}
const labels = readLabels(path.join(dir, 'labels.csv'));
const links = new HolderLinks(process.env.LINKS === '1' ? readLinks(path.join(dir, 'accounts.csv'), () => undefined) : [], false);
const main = new PaymentsEngine({ reorderCapacity: 0 });
const mirror = new PaymentsEngine({ reorderCapacity: 0 });
const watchFile = path.join(dir, 'watchlist.csv');
if (fs.existsSync(watchFile))
  for (const w of readWatchlist(watchFile, () => undefined)) {
    main.addWatch(links.watchEntry(w));
    mirror.addWatch(links.watchEntry(w));
  }
// an account's verdict is its holder's (entity) verdict, as the live scorer answers it
const members = new Map<string, Set<string>>();

type Verdict = { flag: boolean; role: Role | null };
const liveOnly = new Map<string, Verdict>();
const withPass = new Map<string, Verdict>();
const noteOne = (m: Map<string, Verdict>, account: string, r: AccountResult) => {
  if (r.flag && !m.get(account)?.flag) m.set(account, { flag: true, role: r.role });
  else if (!m.has(account)) m.set(account, { flag: false, role: null });
};
const note = (m: Map<string, Verdict>, r: AccountResult, account?: string) => {
  if (account !== undefined) return noteOne(m, account, r);
  for (const a of members.get(r.account) ?? [r.account]) noteOne(m, a, r); // a pass flags the holder: each account's alert
};
let overlay = new Map<string, GraphVerdict>();
type Holds = { illicit: number; illicitFlagged: number; benign: number; benignFlagged: number };
const holds: Record<'live' | 'withPass', Holds> = {
  live: { illicit: 0, illicitFlagged: 0, benign: 0, benignFlagged: 0 },
  withPass: { illicit: 0, illicitFlagged: 0, benign: 0, benignFlagged: 0 },
};
const countHold = (h: Holds, isIllicit: boolean, flag: boolean) => {
  if (isIllicit) {
    h.illicit++;
    if (flag) h.illicitFlagged++;
  } else {
    h.benign++;
    if (flag) h.benignFlagged++;
  }
};
let nextPass = -Infinity;
let passes = 0;
let passCpuMs = 0;
let rows = 0;
const t0 = performance.now();
for (const { line, fields } of readCsvRecords(path.join(dir, 'transactions.csv'))) {
  const tx = parseTxFields(fields, line);
  if (isIssue(tx)) continue;
  rows++;
  if (nextPass === -Infinity) nextPass = tx.ts + passMs;
  if (tx.ts >= nextPass) {
    const t = performance.now();
    const { verdicts } = graphVerdicts(mirror);
    passCpuMs += performance.now() - t;
    passes++;
    overlay = new Map(verdicts.map((v) => [v.result.account, v]));
    for (const v of verdicts) if (v.result.flag) note(withPass, v.result); // the pass raises their alerts
    nextPass = tx.ts + passMs;
  }
  const account = tx.payee === CASH ? tx.payer : tx.payee;
  const entity = links.entity(account);
  if (entity !== account) (members.get(entity) ?? members.set(entity, new Set()).get(entity))?.add(account);
  const linked = links.apply(tx);
  if (linked === null) continue; // a move between a holder's own accounts
  main.ingest(linked);
  mirror.ingest(linked);
  const live = main.liveResult(entity);
  if (!live) continue;
  const merged = withGraph(live, overlay.get(entity), undefined);
  note(liveOnly, live, account);
  note(withPass, merged, account);
  // per decision: how often a payment into an illicit / a benign account is flagged (a hold, at the bank)
  const isIllicit = (labels.get(account)?.role ?? 'benign') !== 'benign';
  countHold(holds.live, isIllicit, live.flag);
  countHold(holds.withPass, isIllicit, merged.flag);
}
const report = (name: string, m: Map<string, Verdict>) => {
  const results = [...labels.keys()].map((account) => ({
    account,
    score: 0,
    reasons: [],
    rules: [],
    ...(m.get(account) ?? { flag: false, role: null }),
  }));
  const e = evaluate(results, labels);
  console.log(
    `${name}: precision ${e.precision.toFixed(3)}, recall ${e.recall.toFixed(3)}, F1 ${e.f1.toFixed(3)} (flagged ${e.flagged}, illicit ${e.illicit}, recall by role ${JSON.stringify(e.recallByRole)})`,
  );
  const h = name.startsWith('live') ? holds.live : holds.withPass;
  const rate = (f: number, n: number) => `${((f / Math.max(1, n)) * 100).toFixed(2)} %`;
  console.log(
    `  decisions flagged: ${rate(h.illicitFlagged, h.illicit)} of those into illicit accounts, ${rate(h.benignFlagged, h.benign)} of those into benign ones`,
  );
};
console.log(
  `${rows} decisions from ${dir}${links.size > 0 ? ` with ${links.size} KYC links` : ''}; graph pass every ${passMs / 3_600_000} h of event time: ${passes} passes, ${(passCpuMs / Math.max(1, passes)).toFixed(0)} ms each on average; ${((performance.now() - t0) / 1000).toFixed(0)} s in all`,
);
report('live rules alone      ', liveOnly);
report('with the graph pass   ', withPass);
