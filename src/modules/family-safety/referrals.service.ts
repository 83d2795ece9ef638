import { sql } from 'kysely';
import { can, inScope, requirePermission, type Actor } from '../../kernel/access/actor.ts';
import { recordAudit } from '../../kernel/audit/audit.ts';
import type { Executor } from '../../kernel/db/database.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http/types.ts';
import type { Platform } from '../../kernel/platform.ts';
import { readableCase } from './case-access.ts';
import * as cases from './cases.repository.ts';
import { dayOrNull, iso, isoOrNull } from './cases.presenter.ts';
import { actorName, fieldError, staleVersion } from './helpers.ts';
import * as repo from './referrals.repository.ts';
import type { ProgressInput, ReferralInput, ReferralQuery, ReferralView } from './referrals.schema.ts';
import { referralDueAt } from './rules.ts';

const OPEN_STEPS = new Set(['sent', 'accepted', 'first_contact', 'support_plan', 'sessions']);
const MIN_OVERRIDE_REASON = 20;

async function present(db: Executor, r: repo.ReferralFullRow, view: 'full' | 'granted'): Promise<ReferralView> {
  const g = new Set(view === 'full' ? ['contact', 'risk', 'narrative', 'children'] : r.grants);
  const [incidents, children] = g.has('narrative') || g.has('children') ? await repo.referralExtras(db, r.case_id) : [[], []];
  const due = r.due_at ? new Date(r.due_at) : null;
  return {
    id: r.id,
    caseId: view === 'full' ? r.case_id : null,
    caseCode: r.case_code,
    regionCode: r.region_code,
    status: r.status as ReferralView['status'],
    view,
    provider: { id: r.provider_id, name: r.provider_name, kind: r.provider_kind },
    person: {
      id: r.person_id,
      name: `${r.last_name} ${r.first_name}`,
      phone: g.has('contact') ? r.phone : null,
      address: g.has('contact') ? r.address : null,
    },
    reason: r.reason,
    grants: r.grants,
    consent: r.consent as ReferralView['consent'],
    consentNote: view === 'full' ? r.consent_note : null,
    riskBand: g.has('risk') ? r.risk_band : null,
    narrative: g.has('narrative') ? incidents.map((i) => i.narrative) : null,
    children: g.has('children')
      ? children.map((c) => ({ name: `${c.last_name} ${c.first_name}`, birthDate: dayOrNull(c.birth_date) }))
      : null,
    rejectReason: r.reject_reason,
    supportPlan: r.support_plan,
    sessionCount: r.session_count,
    closingReport: r.closing_report,
    outcome: r.outcome,
    dueAt: isoOrNull(due),
    isOverdue: due !== null && OPEN_STEPS.has(r.status) && due.getTime() < Date.now(),
    sentAt: isoOrNull(r.sent_at),
    createdAt: iso(r.created_at),
    version: r.version,
  };
}

/** Drafts a referral. It needs the person's recorded consent, or an override with a reason (audited). */
export async function createReferral(p: Platform, ctx: RequestContext, input: ReferralInput): Promise<ReferralView> {
  requirePermission(ctx.actor, 'dv_referrals.manage');
  if (!input.consent && !input.consentOverride)
    throw fieldError('body.consent', "Record the person's consent, or override it with a reason", 'consent_required');
  if (!input.consent && input.consentOverride && input.consentOverride.reason.length < MIN_OVERRIDE_REASON)
    throw fieldError(
      'body.consentOverride.reason',
      `Justify the override (at least ${MIN_OVERRIDE_REASON} characters)`,
      'override_reason_required',
    );
  return p.db.transaction().execute(async (tx) => {
    const c = await cases.lockCase(tx, ctx.actor, input.caseId);
    if (!c) throw notFound('case');
    const onCase = await tx
      .selectFrom('dv_case_people')
      .select('id')
      .where('case_id', '=', c.id)
      .where('person_id', '=', input.personId)
      .executeTakeFirst();
    if (!onCase) throw fieldError('body.personId', 'The person is not in this case', 'not_in_case');
    const provider = await tx.selectFrom('dv_providers').selectAll().where('id', '=', input.providerId).executeTakeFirst();
    if (!provider) throw fieldError('body.providerId', 'Unknown provider', 'unknown_provider');
    if (provider.status !== 'open') throw fieldError('body.providerId', 'This provider is not open yet', 'provider_not_open');
    const isOverride = !input.consent;
    const note = input.consent
      ? `${input.consent.method}${input.consent.note ? `: ${input.consent.note}` : ''}`
      : (input.consentOverride?.reason ?? '');
    const r = await tx
      .insertInto('dv_referrals')
      .values({
        case_id: c.id,
        region_code: c.region_code,
        person_id: input.personId,
        provider_id: provider.id,
        reason: input.reason,
        grants: input.grants,
        consent: isOverride ? 'override' : 'given',
        consent_note: note,
        created_by: actorName(ctx.actor),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await cases.addTimeline(tx, {
      case_id: c.id,
      kind: 'referral',
      summary: `Referral drafted to ${provider.name}${isOverride ? ' (consent overridden)' : ''}`,
      actor: actorName(ctx.actor),
      details: { referralId: r.id, grants: input.grants },
      params: { provider: provider.name, consentOverridden: isOverride },
    });
    await recordAudit(tx, ctx, {
      action: 'dv_referral.create',
      resourceType: 'dv_referral',
      resourceId: r.id,
      regionCode: c.region_code,
      details: { caseId: c.id, provider: provider.code, grants: input.grants, consent: isOverride ? 'override' : 'given' },
    });
    if (isOverride)
      await recordAudit(tx, ctx, {
        action: 'dv_referral.consent_override',
        resourceType: 'dv_referral',
        resourceId: r.id,
        regionCode: c.region_code,
        purpose: note,
        details: { caseId: c.id, reason: note },
      });
    return present(tx, (await repo.findReferral(tx, r.id))!, 'full');
  });
}

async function visibleAs(
  db: Executor,
  actor: Actor,
  r: repo.ReferralFullRow,
): Promise<{ view: 'full' | 'granted'; purpose: string | null } | null> {
  const providerId = await repo.providerOfActor(db, actor);
  if (providerId !== null) return providerId === r.provider_id && r.status !== 'draft' ? { view: 'granted', purpose: null } : null;
  if (can(actor, 'dv_cases.read')) {
    const access = inScope(actor, r.region_code) ? { purpose: null } : await readableCase(db, actor, r.case_id);
    if (access) return { view: 'full', purpose: access.purpose };
  }
  return null;
}

export async function listReferrals(p: Platform, ctx: RequestContext, q: ReferralQuery) {
  requirePermission(ctx.actor, 'dv_referrals.read');
  const providerId = await repo.providerOfActor(p.db, ctx.actor);
  if (providerId === null && !can(ctx.actor, 'dv_cases.read')) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  const { rows, total } = await repo.findReferrals(p.db, ctx.actor, providerId, q);
  const view = providerId ? 'granted' : 'full';
  return { items: await Promise.all(rows.map((r) => present(p.db, r, view))), total, page: q.page, pageSize: q.pageSize };
}

/** One referral: in full for the sending side, only the granted parts for the receiving organisation; audited. */
export async function getReferral(p: Platform, ctx: RequestContext, id: string): Promise<ReferralView> {
  requirePermission(ctx.actor, 'dv_referrals.read');
  return p.db.transaction().execute(async (tx) => {
    const r = await repo.findReferral(tx, id);
    const v = r ? await visibleAs(tx, ctx.actor, r) : null;
    if (!r || !v) throw notFound('referral');
    await recordAudit(tx, ctx, {
      action: 'dv_referral.read',
      resourceType: 'dv_referral',
      resourceId: id,
      regionCode: r.region_code,
      purpose: v.purpose,
      details: { view: v.view },
    });
    return present(tx, r, v.view);
  });
}

type Step = { from: string[]; to: string };
const STEPS: Record<ProgressInput['step'] | 'send', Step> = {
  send: { from: ['draft'], to: 'sent' },
  accept: { from: ['sent'], to: 'accepted' },
  reject: { from: ['sent'], to: 'rejected' },
  first_contact: { from: ['accepted'], to: 'first_contact' },
  support_plan: { from: ['first_contact'], to: 'support_plan' },
  session: { from: ['support_plan', 'sessions'], to: 'sessions' },
  close: { from: ['first_contact', 'support_plan', 'sessions'], to: 'closed' },
};

async function transition(
  p: Platform,
  ctx: RequestContext,
  id: string,
  input: ProgressInput | { step: 'send'; version: number },
  side: 'sender' | 'receiver',
) {
  return p.db.transaction().execute(async (tx) => {
    const r = await repo.lockReferral(tx, id);
    const allowed =
      r &&
      (side === 'sender'
        ? inScope(ctx.actor, r.region_code)
        : (await repo.providerOfActor(tx, ctx.actor)) === r.provider_id && r.status !== 'draft');
    if (!r || !allowed) throw notFound('referral');
    const step = STEPS[input.step];
    if (!step.from.includes(r.status))
      throw new AppError('conflict', `Cannot ${input.step} a referral that is ${r.status}`, { params: { status: r.status } });
    const now = new Date();
    const updated = await tx
      .updateTable('dv_referrals')
      .set({
        status: step.to,
        due_at: referralDueAt(step.to, now),
        version: sql<number>`version + 1`,
        updated_at: now,
        ...(input.step === 'send' ? { sent_at: now } : {}),
        ...(input.step === 'accept' ? { accepted_at: now } : {}),
        ...(input.step === 'reject' ? { reject_reason: input.reason, closed_at: now } : {}),
        ...(input.step === 'support_plan' ? { support_plan: input.plan } : {}),
        ...(input.step === 'session' ? { session_count: sql<number>`session_count + 1` } : {}),
        ...(input.step === 'close' ? { closing_report: input.report, outcome: input.outcome, closed_at: now } : {}),
      })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .returning(['id', 'version'])
      .executeTakeFirst();
    if (!updated) throw staleVersion('referral', input.version, r.version);
    await cases.addTimeline(tx, {
      case_id: r.case_id,
      kind: `referral_${step.to}`,
      summary: `Referral ${step.to.replace('_', ' ')}`,
      actor: actorName(ctx.actor),
      details: {
        referralId: id,
        ...(input.step === 'reject' ? { reason: input.reason } : {}),
        ...(input.step === 'close' ? { outcome: input.outcome } : {}),
      },
    });
    await recordAudit(tx, ctx, {
      action: `dv_referral.${input.step}`,
      resourceType: 'dv_referral',
      resourceId: id,
      regionCode: r.region_code,
      details: { from: r.status, to: step.to },
    });
    return present(tx, (await repo.findReferral(tx, id))!, side === 'sender' ? 'full' : 'granted');
  });
}

export function sendReferral(p: Platform, ctx: RequestContext, id: string, version: number) {
  requirePermission(ctx.actor, 'dv_referrals.manage');
  return transition(p, ctx, id, { step: 'send', version }, 'sender');
}

/** The receiving organisation's steps: accept or reject, first contact, support plan, sessions, closing report. */
export function progressReferral(p: Platform, ctx: RequestContext, id: string, input: ProgressInput) {
  requirePermission(ctx.actor, 'dv_referrals.receive');
  return transition(p, ctx, id, input, 'receiver');
}
