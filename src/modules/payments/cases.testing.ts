import { randomBytes } from 'node:crypto';
import { SYSTEM_ACTOR } from '../../kernel/access/actor.ts';
import type { Platform } from '../../kernel/platform.ts';
import { generateReport } from './cases.reports.ts';
import { createCase } from './cases.service.ts';
import { liveScorer } from './payments.live.ts';
import { upsertActiveAlert } from './payments.repository.ts';

const ctx = { actor: SYSTEM_ACTOR, requestId: 'test', locale: 'en' as const };

/** Test factory: an open alert on a given synthetic card or phone (hash + label as `decide` stores them). */
export async function buildAlertOn(p: Platform, account: string, o: { score?: number; role?: string; rules?: string[] } = {}) {
  const codec = liveScorer(p).codec;
  const key = codec.stored(account);
  return upsertActiveAlert(p.db, {
    account_hash: codec.hashOf(account),
    account_label: key.last4 === null ? key.value : `****${key.last4}`,
    score: o.score ?? 0.8,
    role: o.role ?? 'drop',
    reasons: ['12 unique payers in 24h (synthetic)'],
    rules: o.rules ?? ['fan_in'],
    assignee: null,
  });
}

/** Test factory: a case on one fresh synthetic card's alert. */
export async function buildPaymentCase(p: Platform) {
  const alert = await buildAlertOn(p, `4400${String(randomBytes(6).readUIntBE(0, 6)).padStart(12, '0').slice(-12)}`);
  return createCase(p, ctx, { title: 'Synthetic drop network', alertIds: [alert.id] });
}

/** Test factory: an FM-1-structured report of a fresh case. */
export async function buildPaymentReport(p: Platform) {
  const c = await buildPaymentCase(p);
  return generateReport(p, ctx, c.id, { kind: 'fm1' });
}
