import { SYSTEM_ACTOR } from '../../kernel/access/actor.ts';
import { recordAudit } from '../../kernel/audit/audit.ts';
import type { Tx as DbTx } from '../../kernel/db/database.ts';
import type { DemoLogin, DemoSeedReport } from '../../kernel/module.ts';
import type { Platform } from '../../kernel/platform.ts';
import { createRng, syntheticPerson } from '../../kernel/synthetic/index.ts';
import { createUser, demoCredentials } from '../identity/index.ts';
import { isIssue, parseTxFields } from './engine/csv.ts';
import { PaymentsEngine } from './engine/engine.ts';
import type { AccountResult, Tx } from './engine/types.ts';
import * as cases from './cases.repository.ts';
import { alertAccount, CASE_NETWORK_HOPS } from './cases.service.ts';
import { buildNetwork } from './network.service.ts';
import { displayIdentifier } from './payments.identifiers.ts';
import { liveScorer } from './payments.live.ts';
import { insertTransactions, insertWatchEntries, upsertActiveAlert } from './payments.repository.ts';
import { rulesOf, toRow } from './payments.service.ts';
import { PaymentSimulator } from './payments.sim.ts';

const ACCOUNTS = [
  { username: 'afm.analyst', role: 'fiu_analyst' },
  { username: 'afm.supervisor', role: 'fiu_supervisor' },
] as const;

/** The FIU demo accounts (privileged: password + TOTP), derived from the demo seed as identity's are. */
export function paymentsDemoUsers(seed: string): DemoLogin[] {
  return ACCOUNTS.map((a) => ({
    ...a,
    regionCode: null,
    ...demoCredentials(seed, a.username, true),
  }));
}

/** Simulated traffic: a small town with one drug shop (rotating drops, collectors, cash-out), a week. */
function simulate(seed: string): { txs: Tx[]; illicit: Set<string>; shopDrops: string[] } {
  const sim = new PaymentSimulator({ accounts: 400, days: 7, shops: 1, seed: `${seed}/payments` });
  const txs: Tx[] = [];
  const illicit = new Set<string>();
  const shopDrops: string[] = [];
  sim.run({
    row: (line) => {
      const t = parseTxFields(line.split(','), txs.length + 1);
      if (!isIssue(t)) txs.push(t);
    },
    label: (l) => {
      if (l.role !== 'benign') illicit.add(l.account);
      if (l.role === 'drop') shopDrops.push(l.account);
    },
  });
  return { txs, illicit, shopDrops };
}

/**
 * Demo data for the FIU pages: a week of simulated transfers (stored as the API stores them), the
 * offline engine's top flagged accounts as alerts, one advertised drop on the watchlist, one case with its
 * network, and the FIU demo logins. All synthetic.
 */
export async function seedDemoPayments(tx: DbTx, p: Platform, seed: string): Promise<DemoSeedReport> {
  const ctx = { actor: { ...SYSTEM_ACTOR, username: 'demo-seed' }, requestId: 'demo-seed', locale: 'ru' as const };
  const rng = createRng(`${seed}/payments/users`);
  for (const u of paymentsDemoUsers(seed)) {
    const person = syntheticPerson(rng);
    await createUser(
      p,
      ctx,
      {
        username: u.username,
        displayName: `${person.lastName} ${person.firstName}`,
        password: u.password,
        role: u.role,
        organisationCode: 'AFM',
        regionCode: null,
        locale: 'ru',
      },
      { isSynthetic: true, totpSecret: u.totpSecret ?? undefined, tx },
    );
  }
  const { txs, illicit, shopDrops } = simulate(seed);
  const codec = liveScorer(p).codec;
  for (let i = 0; i < txs.length; i += 1000)
    await insertTransactions(
      tx,
      txs.slice(i, i + 1000).map((t) => toRow(t, codec, 'DEMO-BANK', 'demo-seed')),
    );
  const advertised = shopDrops[0];
  if (advertised)
    await insertWatchEntries(tx, [
      {
        identifier_hash: codec.hashOf(advertised),
        identifier_last4: advertised.slice(-4),
        type: advertised.startsWith('+') ? 'phone' : 'card',
        source: 'online-markets (demo)',
        provenance: 'payment details in a synthetic drug-shop ad',
        confidence: 0.9,
        shop_ref: 'shop:demo-1',
        evidence_ref: 'evidence:demo-1',
        created_by: 'demo-seed',
      },
    ]);
  const engine = new PaymentsEngine({ watchlist: advertised ? [{ identifier: advertised, type: 'card', source: 'demo' }] : [] });
  for (const t of txs) engine.ingest(t);
  engine.flush();
  const flagged = engine
    .results()
    .filter((r) => r.flag && illicit.has(r.account))
    .sort((a, b) => b.score - a.score)
    .slice(0, 3);
  const alerts = [];
  for (const r of flagged) alerts.push(await alertOf(tx, p, r));
  if (alerts.length >= 2) {
    const members = alerts.slice(0, 2);
    const accounts = members.map(alertAccount);
    const network = await buildNetwork(
      p,
      tx,
      accounts.map((a) => a.key),
      { hops: CASE_NETWORK_HOPS },
    );
    const row = await cases.insertCase(tx, {
      code: await cases.nextCaseCode(tx, new Date().getUTCFullYear()),
      title: 'Demo: drops of one synthetic shop',
      disposition: null,
      accounts,
      network,
      created_by: 'demo-seed',
      assignee: 'afm.analyst',
    });
    await cases.linkAlerts(
      tx,
      row.id,
      members.map((a) => a.id),
      'demo-seed',
    );
    await cases.insertComment(tx, {
      alert_id: null,
      case_id: row.id,
      body: 'Both accounts forward to the same collector within minutes (synthetic).',
      author: 'demo-seed',
    });
    await recordAudit(tx, ctx, {
      action: 'payment_case.create',
      resourceType: 'payment_case',
      resourceId: row.id,
      details: { demo: true },
    });
  }
  return {
    lines: [
      `  ${txs.length} synthetic payment transactions (one simulated shop), ${alerts.length} alerts, ${alerts.length >= 2 ? 1 : 0} case`,
      `  FIU demo accounts: ${ACCOUNTS.map((a) => a.username).join(', ')}`,
    ],
  };
}

async function alertOf(tx: DbTx, p: Platform, r: AccountResult) {
  const codec = liveScorer(p).codec;
  const key = codec.stored(r.account);
  return upsertActiveAlert(tx, {
    account_hash: codec.hashOf(r.account),
    account_label: displayIdentifier(key.value, key.last4),
    score: r.score,
    role: r.role,
    reasons: r.reasons,
    rules: rulesOf(r),
    assignee: null,
  });
}
