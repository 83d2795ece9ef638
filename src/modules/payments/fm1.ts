import { CASH, maskAccount } from './engine/types.ts';
import fm1 from './data/fm1-fields.json' with { type: 'json' };
import type { StoredTxRow } from './network.repository.ts';

/** A party as reports show it: never a card number; cards by last four plus a keyed-hash reference. */
export type MaskedParty = { label: string; hashRef: string | null };

/** A stored account value as a report shows it. */
export function maskedParty(value: string, last4: string | null): MaskedParty {
  if (value === CASH) return { label: CASH, hashRef: null };
  if (last4 !== null) return { label: `****${last4}`, hashRef: `h:${value.slice(0, 16)}` };
  return { label: maskAccount(value), hashRef: null };
}

export type CaseFacts = {
  caseId: string;
  code: string;
  title: string;
  reportingEntity: string;
  subjects: { key: string; label: string; role: string | null; score: number; rules: string[]; reasons: string[] }[];
  reasons: string[];
  operations: readonly StoredTxRow[];
};

const codes = fm1.suspicionCodes as Record<string, string>;
const opCodes = fm1.operationTypeCodes as Record<string, string>;
const codeLabels = fm1.suspicionCodeLabels as Record<string, string>;

/** Suspicion indicator codes of the case: from roles and rule ids via data/fm1-fields.json. */
export function suspicionCodes(subjects: CaseFacts['subjects']): { code: string; label: string }[] {
  const out = new Set<string>();
  for (const s of subjects) {
    if (s.role && codes[`role:${s.role}`]) out.add(codes[`role:${s.role}`]!);
    for (const r of s.rules) if (codes[r]) out.add(codes[r]!);
  }
  if (out.size === 0) out.add(fm1.defaultSuspicionCode);
  return [...out].sort().map((code) => ({ code, label: codeLabels[code] ?? code }));
}

const iso = (d: unknown) => new Date(d as string).toISOString();

/**
 * A suspicious-transaction report in the structure of the AFM's FM-1 form, built from a case: header,
 * subjects, operations (largest first, capped), grounds with indicator codes and a description.
 * Synthetic and labelled as such; not the official form.
 */
export function buildFm1(f: CaseFacts, reportNumber: string, now: Date) {
  const ops = [...f.operations]
    .sort((a, b) => Number(b.amount) - Number(a.amount))
    .slice(0, fm1.maxOperations)
    .sort((a, b) => iso(a.ts).localeCompare(iso(b.ts)));
  const totals: Record<string, number> = {};
  for (const o of ops) totals[o.currency] = Math.round(((totals[o.currency] ?? 0) + Number(o.amount)) * 100) / 100;
  return {
    form: fm1.form,
    title: fm1.title,
    disclaimer: 'Synthetic data; follows the structure of form FM-1, not an official AFM form.',
    basis: fm1.basis,
    header: { reportingEntity: f.reportingEntity, reportNumber, reportDate: now.toISOString().slice(0, 10) },
    case: { id: f.caseId, code: f.code, title: f.title, link: `/payments/cases/${f.caseId}` },
    subjects: f.subjects.map((s) => ({
      ...maskedParty(s.key, s.label.startsWith('****') ? s.label.slice(4) : null),
      role: s.role,
      score: s.score,
    })),
    operations: ops.map((o) => ({
      txId: o.tx_id,
      operationDate: iso(o.ts),
      amount: Number(o.amount),
      currency: o.currency,
      operationTypeCode: opCodes[o.channel] ?? o.channel,
      payer: maskedParty(o.payer, o.payer_last4),
      payee: maskedParty(o.payee, o.payee_last4),
      payerBank: o.payer_bank,
      payeeBank: o.payee_bank,
    })),
    operationsTotal: f.operations.length,
    totals,
    grounds: {
      suspicionCodes: suspicionCodes(f.subjects),
      description: [f.title, ...f.reasons, ...f.subjects.flatMap((s) => s.reasons.map((r) => `${s.label}: ${r}`))].join('\n'),
    },
  };
}
export type Fm1Report = ReturnType<typeof buildFm1>;

/** Escapes text for HTML. */
export function esc(s: unknown): string {
  return String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
const label = (key: string) => fm1.fields.find((x) => x.key === key)?.label.en ?? key;
const party = (p: MaskedParty) => (p.hashRef ? `${p.label} (${p.hashRef})` : p.label);

/** A printable page of an FM-1-structured report (self-contained HTML, everything escaped). */
export function fm1Html(r: Fm1Report): string {
  const head = ['operationDate', 'amount', 'currency', 'operationTypeCode', 'payer', 'payee', 'payerBank', 'payeeBank'];
  const rows = r.operations
    .map(
      (o) =>
        `<tr><td>${esc(o.operationDate)}</td><td>${esc(o.amount.toFixed(2))}</td><td>${esc(o.currency)}</td><td>${esc(o.operationTypeCode)}</td><td>${esc(party(o.payer))}</td><td>${esc(party(o.payee))}</td><td>${esc(o.payerBank)}</td><td>${esc(o.payeeBank)}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(r.header.reportNumber)}</title>
<style>body{font:14px sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #999;padding:2px 6px}.note{color:#a00}</style></head><body>
<h1>${esc(r.title.en)}</h1><p class="note">${esc(r.disclaimer)}</p>
<dl><dt>${esc(label('reportingEntity'))}</dt><dd>${esc(r.header.reportingEntity)}</dd><dt>${esc(label('reportNumber'))}</dt><dd>${esc(r.header.reportNumber)}</dd><dt>${esc(label('reportDate'))}</dt><dd>${esc(r.header.reportDate)}</dd><dt>Case</dt><dd>${esc(r.case.code)} — ${esc(r.case.title)}</dd></dl>
<h2>${esc(label('suspicionCodes'))}</h2><ul>${r.grounds.suspicionCodes.map((c) => `<li>${esc(c.code)}: ${esc(c.label)}</li>`).join('')}</ul>
<h2>${esc(label('description'))}</h2><pre>${esc(r.grounds.description)}</pre>
<h2>Operations (${r.operations.length} of ${r.operationsTotal})</h2>
<table><thead><tr>${head.map((h) => `<th>${esc(label(h))}</th>`).join('')}</tr></thead><tbody>
${rows}
</tbody></table></body></html>`;
}

const csvCell = (v: unknown) => {
  // a leading = + - @ would be a formula in a spreadsheet: neutralised with a quote
  const s = /^[=+\-@]/.test(String(v ?? '')) ? `'${String(v)}` : String(v ?? '');
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The operations of an FM-1-structured report as CSV (one row per operation, report fields repeated). */
export function fm1Csv(r: Fm1Report): string {
  const cols = [
    'reportNumber',
    'reportingEntity',
    'operationDate',
    'amount',
    'currency',
    'operationTypeCode',
    'payer',
    'payerHashRef',
    'payee',
    'payeeHashRef',
    'payerBank',
    'payeeBank',
    'suspicionCodes',
  ];
  const codesText = r.grounds.suspicionCodes.map((c) => c.code).join(' ');
  const lines = r.operations.map((o) =>
    [
      r.header.reportNumber,
      r.header.reportingEntity,
      o.operationDate,
      o.amount.toFixed(2),
      o.currency,
      o.operationTypeCode,
      o.payer.label,
      o.payer.hashRef ?? '',
      o.payee.label,
      o.payee.hashRef ?? '',
      o.payerBank,
      o.payeeBank,
      codesText,
    ]
      .map(csvCell)
      .join(','),
  );
  return `${[cols.join(','), ...lines].join('\n')}\n`;
}
