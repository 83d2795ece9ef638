import legal from './data/legal-bases.json' with { type: 'json' };
import { CASH } from './engine/types.ts';
import { esc, maskedParty, type CaseFacts } from './fm1.ts';

type AccountFlow = { inflow: number; outflow: number; operations: number; lastSeen: string; banks: Map<string, number> };

/** Per case account: money in and out, operations, last activity and the bank that holds it (most seen). */
function flowsOf(f: CaseFacts): Map<string, AccountFlow> {
  const out = new Map<string, AccountFlow>(
    f.subjects.map((s) => [s.key, { inflow: 0, outflow: 0, operations: 0, lastSeen: '', banks: new Map() }]),
  );
  for (const o of f.operations) {
    const at = new Date(o.ts).toISOString();
    for (const [key, bank, dir] of [
      [o.payee, o.payee_bank, 'in'],
      [o.payer, o.payer_bank, 'out'],
    ] as const) {
      const a = out.get(key);
      if (!a || key === CASH) continue;
      if (dir === 'in') a.inflow += Number(o.amount);
      else a.outflow += Number(o.amount);
      a.operations++;
      if (at > a.lastSeen) a.lastSeen = at;
      if (bank) a.banks.set(bank, (a.banks.get(bank) ?? 0) + 1);
    }
  }
  return out;
}

const round = (n: number) => Math.round(n * 100) / 100;
const topBank = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;

/**
 * A hold/freeze recommendation to a bank, built from a case: the legal basis (data/legal-bases.json),
 * the accounts to suspend (masked), their flows, a deadline and the case link. `bank` narrows it to the
 * accounts held at one bank. Synthetic and labelled as such.
 */
export function buildFreeze(f: CaseFacts, o: { bank?: string; deadlineHours?: number; issuedBy: string; now: Date }) {
  const flows = flowsOf(f);
  const accounts = f.subjects
    .map((s) => {
      const a = flows.get(s.key)!;
      return {
        ...maskedParty(s.key, s.label.startsWith('****') ? s.label.slice(4) : null),
        role: s.role,
        score: s.score,
        bank: topBank(a.banks),
        inflow: round(a.inflow),
        outflow: round(a.outflow),
        operations: a.operations,
        lastSeen: a.lastSeen || null,
      };
    })
    .filter((a) => !o.bank || a.bank === o.bank);
  const hours = o.deadlineHours ?? legal.freeze.defaultDeadlineHours;
  return {
    kind: 'freeze',
    title: legal.freeze.title,
    disclaimer: 'Synthetic data; a recommendation generated from an analyst case, not a decision of the authorised body.',
    recipientBank: o.bank ?? null,
    issuedBy: f.reportingEntity,
    issuedByUser: o.issuedBy,
    issuedAt: o.now.toISOString(),
    deadline: new Date(o.now.getTime() + hours * 3_600_000).toISOString(),
    deadlineNote: legal.freeze.deadlineNote,
    case: { id: f.caseId, code: f.code, title: f.title, link: `/payments/cases/${f.caseId}` },
    legalBasis: legal.bases.filter((b) => b.use === 'freeze').map(({ use: _u, ...b }) => b),
    context: legal.bases.filter((b) => b.use === 'context').map(({ use: _u, ...b }) => b),
    accounts,
    totals: { accounts: accounts.length, inflow: round(accounts.reduce((s, a) => s + a.inflow, 0)) },
  };
}
export type FreezeReport = ReturnType<typeof buildFreeze>;

/** A printable page of a freeze recommendation (self-contained HTML, everything escaped). */
export function freezeHtml(r: FreezeReport): string {
  const rows = r.accounts
    .map(
      (a) =>
        `<tr><td>${esc(a.label)}</td><td>${esc(a.hashRef ?? '')}</td><td>${esc(a.role ?? '')}</td><td>${esc(a.bank ?? '')}</td><td>${esc(a.inflow.toFixed(2))}</td><td>${esc(a.outflow.toFixed(2))}</td><td>${esc(a.lastSeen ?? '')}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(r.case.code)} freeze</title>
<style>body{font:14px sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #999;padding:2px 6px}.note{color:#a00}</style></head><body>
<h1>${esc(r.title.en)}</h1><p class="note">${esc(r.disclaimer)}</p>
<p>To: ${esc(r.recipientBank ?? 'the banks holding the accounts below')}. From: ${esc(r.issuedBy)}. Issued ${esc(r.issuedAt)}. Answer by <strong>${esc(r.deadline)}</strong> (${esc(r.deadlineNote)}).</p>
<p>Case ${esc(r.case.code)}: ${esc(r.case.title)} (${esc(r.case.link)})</p>
<h2>Legal basis</h2><ul>${r.legalBasis.map((b) => `<li>${esc(b.law)}, art. ${esc(b.article)}: ${esc(b.wording.en)}</li>`).join('')}</ul>
<h2>Accounts</h2><table><thead><tr><th>Account</th><th>Hash ref</th><th>Role</th><th>Bank</th><th>Inflow</th><th>Outflow</th><th>Last seen</th></tr></thead><tbody>
${rows}
</tbody></table></body></html>`;
}

/** The accounts of a freeze recommendation as CSV. */
export function freezeCsv(r: FreezeReport): string {
  const head = 'case,account,hashRef,role,bank,inflow,outflow,lastSeen,deadline,legalBasis';
  const basis = r.legalBasis.map((b) => b.code).join(' ');
  const lines = r.accounts.map((a) =>
    [
      r.case.code,
      a.label,
      a.hashRef ?? '',
      a.role ?? '',
      a.bank ?? '',
      a.inflow.toFixed(2),
      a.outflow.toFixed(2),
      a.lastSeen ?? '',
      r.deadline,
      basis,
    ].join(','),
  );
  return `${[head, ...lines].join('\n')}\n`;
}
