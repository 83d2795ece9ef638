import { can, type Actor } from '../../kernel/access/actor.ts';
import type { CaseAccess } from './case-access.ts';
import type { CaseParts } from './case-detail.repository.ts';
import type { CaseListRow } from './cases.repository.ts';
import type { Band, CaseDetail, CaseListItem, Params } from './cases.schema.ts';

export const iso = (d: Date | string) => new Date(d).toISOString();
export const isoOrNull = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
/** A date column as YYYY-MM-DD (pg returns Date at local midnight; PGlite may too). */
export const day = (d: unknown): string => {
  if (d instanceof Date) {
    const local = new Date(d.getTime() - d.getTimezoneOffset() * 60_000);
    return local.toISOString().slice(0, 10);
  }
  return String(d).slice(0, 10);
};
export const dayOrNull = (d: unknown) => (d === null || d === undefined ? null : day(d));

export function presentCaseListItem(r: CaseListRow): CaseListItem {
  return {
    id: r.id,
    code: r.code,
    regionCode: r.region_code,
    status: r.status,
    riskBand: r.risk_band as Band | null,
    isRepeat: r.is_repeat,
    incidentCount: r.incident_count,
    escalation: r.escalation,
    lastIncidentAt: iso(r.last_incident_at),
    createdAt: iso(r.created_at),
    inTeam: Boolean(r.in_team),
    victimName: r.in_team ? r.victim_name : null,
  };
}

function conditionList(c: unknown): string[] {
  const obj = (typeof c === 'string' ? JSON.parse(c) : c) as Record<string, unknown> | null;
  return Object.entries(obj ?? {})
    .filter(([, v]) => v === true)
    .map(([k]) => k);
}

/** A stored params object as the wire's flat record of strings, numbers, booleans and nulls. */
export function taskParams(v: unknown): Params {
  const obj = parseJson<Record<string, unknown> | null>(v ?? {}) ?? {};
  const out: Params = {};
  for (const [k, x] of Object.entries(obj))
    if (x === null || typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') out[k] = x;
  return out;
}

export function parseJson<T>(v: unknown): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

/** The case page. Addresses and contacts are masked (null, contactsMasked) outside the case team. */
export function presentCaseDetail(a: CaseAccess, parts: CaseParts, actor: Actor): CaseDetail {
  const r = a.row;
  const mask = !a.seesContacts;
  const victim = parts.people.find((p) => p.role === 'victim');
  const writable = a.via === 'scope';
  return {
    id: r.id,
    code: r.code,
    regionCode: r.region_code,
    status: r.status,
    riskBand: r.risk_band as Band | null,
    isRepeat: r.is_repeat,
    incidentCount: r.incident_count,
    escalation: r.escalation,
    lastIncidentAt: iso(r.last_incident_at),
    createdAt: iso(r.created_at),
    inTeam: a.inTeam,
    victimName: victim ? `${victim.last_name} ${victim.first_name}` : null,
    source: r.source,
    legalCode: r.legal_code,
    repeatOfCode: parts.repeatOfCode,
    address: mask ? null : r.address,
    contactsMasked: mask,
    assignedTo: r.assigned_to,
    firstContactAt: isoOrNull(r.first_contact_at),
    closedReason: r.closed_reason,
    version: r.version,
    isSynthetic: r.is_synthetic,
    updatedAt: iso(r.updated_at),
    people: parts.people.map((p) => ({
      id: p.id,
      personId: p.person_id,
      role: p.role,
      lastName: p.last_name,
      firstName: p.first_name,
      patronymic: p.patronymic,
      birthDate: dayOrNull(p.birth_date),
      gender: p.gender,
      phone: mask ? null : p.phone,
      address: mask ? null : p.address,
      wasPresent: p.was_present,
      schoolId: p.school_id,
      schoolClass: p.school_class,
    })),
    incidents: parts.incidents.map((i) => ({
      id: i.id,
      occurredAt: iso(i.occurred_at),
      source: i.source,
      address: mask ? null : i.address,
      narrative: i.narrative,
      legalCode: i.legal_code,
      firstActions: i.first_actions,
      createdBy: i.created_by,
    })),
    assessments: parts.assessments.map((s) => ({
      id: s.id,
      instrumentVersion: s.instrument_version,
      answers: parseJson<Record<string, boolean>>(s.answers),
      score: s.score,
      computedBand: s.computed_band as Band,
      band: s.band as Band,
      override: s.override_band
        ? {
            band: s.override_band as Band,
            reason: s.override_reason ?? '',
            status: s.override_status,
            by: s.override_by ?? '',
            confirmedBy: s.confirmed_by,
          }
        : null,
      createdBy: s.created_by,
      createdAt: iso(s.created_at),
    })),
    measures: parts.measures.map((m) => ({
      id: m.id,
      kind: m.kind,
      subjectPersonId: m.subject_person_id,
      startsOn: day(m.starts_on),
      endsOn: day(m.ends_on),
      conditions: conditionList(m.conditions),
      checkinsPerMonth: m.checkins_per_month,
      status: m.status,
      breachCount: m.breach_count,
    })),
    referrals: parts.referrals.map((x) => ({ id: x.id, providerName: x.name, status: x.status, personId: x.person_id })),
    childNotifications: parts.notifications.map((n) => ({
      id: n.id,
      schoolId: n.school_id,
      visibleFrom: iso(n.visible_from),
      status: n.status,
    })),
    tasks: parts.tasks.map((t) => ({
      id: t.id,
      kind: t.kind,
      title: t.title,
      params: taskParams(t.params),
      dueAt: iso(t.due_at),
      status: t.status,
    })),
    team: parts.team.map((m) => ({ userId: m.user_id, displayName: m.display_name, role: m.role })),
    attachments: parts.attachments.map(presentAttachment),
    access: { via: a.via, purpose: a.purpose, grantExpiresAt: isoOrNull(a.grantExpiresAt) },
    abilities: {
      canEdit: writable && can(actor, 'dv_cases.write'),
      canAssess: writable && can(actor, 'dv_cases.assess'),
      canConfirmOverride: writable && can(actor, 'dv_cases.override_confirm'),
      canRefer: writable && can(actor, 'dv_referrals.manage'),
    },
  };
}

/** Attachment metadata as the wire shape (size as a number: pg returns bigint as text). */
export function presentAttachment(a: CaseParts['attachments'][number]) {
  return {
    id: a.id,
    caseId: a.case_id,
    name: a.name,
    contentType: a.content_type,
    sizeBytes: Number(a.size_bytes),
    sha256: a.sha256,
    createdBy: a.created_by,
    createdAt: iso(a.created_at),
  };
}
