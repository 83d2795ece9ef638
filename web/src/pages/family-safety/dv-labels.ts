import type { TFunction } from 'i18next';
import { fieldIssueText } from '../../i18n/messages';
import type { FieldIssue } from '../../lib/api';
import type { DvParams, DvTimelineEntry } from '../../lib/api-types';

// Family-safety codes → words. Every key is a literal so scripts/i18n-extract.ts can see it.

const pick = (names: Record<string, string>, code: string | null | undefined): string => (code ? (names[code] ?? code) : '—');

/** The name of a risk band. */
export function bandName(t: TFunction, band: string | null | undefined): string {
  if (!band) return t('dv.band.none');
  return pick({ standard: t('dv.band.standard'), medium: t('dv.band.medium'), high: t('dv.band.high') }, band);
}

/** The name of a case status. */
export function caseStatusName(t: TFunction, status: string): string {
  return pick({ open: t('dv.caseStatus.open'), closed: t('dv.caseStatus.closed') }, status);
}

/** The name of an escalation state. */
export function escalationName(t: TFunction, escalation: string): string {
  return pick(
    {
      none: t('dv.escalation.none'),
      meeting_required: t('dv.escalation.meeting_required'),
      meeting_scheduled: t('dv.escalation.meeting_scheduled'),
    },
    escalation,
  );
}

/** Where the report came from. */
export function sourceName(t: TFunction, source: string): string {
  return pick(
    {
      police_call: t('dv.source.police_call'),
      hotline_111: t('dv.source.hotline_111'),
      self: t('dv.source.self'),
      neighbour: t('dv.source.neighbour'),
      school: t('dv.source.school'),
      hospital: t('dv.source.hospital'),
      ngo: t('dv.source.ngo'),
      other: t('dv.source.other'),
    },
    source,
  );
}

/** A person's role in a case. */
export function personRoleName(t: TFunction, role: string): string {
  return pick({ victim: t('dv.role.victim'), offender: t('dv.role.offender'), child: t('dv.role.child'), other: t('dv.role.other') }, role);
}

/** A referral status. */
export function referralStatusName(t: TFunction, status: string): string {
  return pick(
    {
      draft: t('dv.referralStatus.draft'),
      sent: t('dv.referralStatus.sent'),
      accepted: t('dv.referralStatus.accepted'),
      rejected: t('dv.referralStatus.rejected'),
      first_contact: t('dv.referralStatus.first_contact'),
      support_plan: t('dv.referralStatus.support_plan'),
      sessions: t('dv.referralStatus.sessions'),
      closed: t('dv.referralStatus.closed'),
    },
    status,
  );
}

/** A referral's closing outcome. */
export function outcomeName(t: TFunction, outcome: string | null): string {
  return pick(
    {
      goals_met: t('dv.outcome.goals_met'),
      partly_met: t('dv.outcome.partly_met'),
      disengaged: t('dv.outcome.disengaged'),
      moved: t('dv.outcome.moved'),
      other: t('dv.outcome.other'),
    },
    outcome,
  );
}

/** What a referral lets the receiver see. */
export function grantName(t: TFunction, grant: string): string {
  return pick(
    {
      contact: t('dv.grant.contact'),
      risk: t('dv.grant.risk'),
      narrative: t('dv.grant.narrative'),
      children: t('dv.grant.children'),
    },
    grant,
  );
}

/** A kind of provider in the registry. */
export function providerKindName(t: TFunction, kind: string): string {
  return pick(
    {
      fsc: t('dv.providerKind.fsc'),
      ngo: t('dv.providerKind.ngo'),
      psychologist: t('dv.providerKind.psychologist'),
      shelter: t('dv.providerKind.shelter'),
      health: t('dv.providerKind.health'),
    },
    kind,
  );
}

/** A provider's status in the registry. */
export function providerStatusName(t: TFunction, status: string): string {
  return pick(
    { open: t('dv.providerStatus.open'), planned: t('dv.providerStatus.planned'), closed: t('dv.providerStatus.closed') },
    status,
  );
}

/** A kind of school support entry. */
export function entryKindName(t: TFunction, kind: string): string {
  return pick(
    {
      observation: t('dv.entryKind.observation'),
      support_plan: t('dv.entryKind.support_plan'),
      follow_up: t('dv.entryKind.follow_up'),
      outcome: t('dv.entryKind.outcome'),
      help_request: t('dv.entryKind.help_request'),
    },
    kind,
  );
}

/** A child notification's status. */
export function notificationStatusName(t: TFunction, status: string): string {
  return pick(
    {
      new: t('dv.notificationStatus.new'),
      acknowledged: t('dv.notificationStatus.acknowledged'),
      supporting: t('dv.notificationStatus.supporting'),
      closed: t('dv.notificationStatus.closed'),
    },
    status,
  );
}

/** A task or measure status. */
export function taskStatusName(t: TFunction, status: string): string {
  return pick(
    {
      open: t('dv.taskStatus.open'),
      done: t('dv.taskStatus.done'),
      active: t('dv.taskStatus.active'),
      expired: t('dv.taskStatus.expired'),
      cancelled: t('dv.taskStatus.cancelled'),
    },
    status,
  );
}

/** A kind of protective measure. */
export function measureKindName(t: TFunction, kind: string): string {
  return pick(
    { protective_order: t('dv.measureKind.protective_order'), special_requirements: t('dv.measureKind.special_requirements') },
    kind,
  );
}

/** The field-issue codes of the family-safety API, then the platform's own. */
export function dvFieldIssueText(t: TFunction, issue: FieldIssue): string {
  const names: Record<string, string> = {
    date_in_future: t('dv.fieldError.date_in_future'),
    date_out_of_range: t('dv.fieldError.date_out_of_range'),
    unknown_legal_reference: t('dv.fieldError.unknown_legal_reference'),
    victim_required: t('dv.fieldError.victim_required'),
    person_required: t('dv.fieldError.person_required'),
    unknown_person: t('dv.fieldError.unknown_person'),
    unknown_school: t('dv.fieldError.unknown_school'),
    born_after_incident: t('dv.fieldError.born_after_incident'),
    invalid_idempotency_key: t('dv.fieldError.invalid_idempotency_key'),
    search_terms_required: t('dv.fieldError.search_terms_required'),
    answers_incomplete: t('dv.fieldError.answers_incomplete'),
    override_reason_required: t('dv.fieldError.override_reason_required'),
    consent_required: t('dv.fieldError.consent_required'),
    unknown_region: t('dv.fieldError.unknown_region'),
    out_of_scope: t('dv.fieldError.out_of_scope'),
    closed_reason_required: t('dv.fieldError.closed_reason_required'),
    not_in_unit: t('dv.fieldError.not_in_unit'),
    date_before_incident: t('dv.fieldError.date_before_incident'),
    unknown_item: t('dv.fieldError.unknown_item'),
    duration_fixed: t('dv.fieldError.duration_fixed'),
    duration_out_of_range: t('dv.fieldError.duration_out_of_range'),
    checkins_out_of_range: t('dv.fieldError.checkins_out_of_range'),
    ends_before_start: t('dv.fieldError.ends_before_start'),
    not_offender: t('dv.fieldError.not_offender'),
    subject_too_young: t('dv.fieldError.subject_too_young'),
    date_before_start: t('dv.fieldError.date_before_start'),
    not_in_case: t('dv.fieldError.not_in_case'),
    unknown_provider: t('dv.fieldError.unknown_provider'),
    provider_not_open: t('dv.fieldError.provider_not_open'),
    unknown_case: t('dv.fieldError.unknown_case'),
    not_on_agenda: t('dv.fieldError.not_on_agenda'),
    taken: t('dv.fieldError.taken'),
    content_type_not_allowed: t('dv.fieldError.content_type_not_allowed'),
  };
  return names[issue.code] ?? fieldIssueText(t, issue);
}

/** A case task by its kind and params (the server's title is English only). */
export function taskKindName(t: TFunction, kind: string, title: string, params: DvParams = {}): string {
  const endsOn = typeof params.endsOn === 'string' ? params.endsOn : '';
  const target = typeof params.helpTarget === 'string' ? helpTargetName(t, params.helpTarget) : '';
  const names: Record<string, string> = {
    first_contact: t('dv.taskKind.first_contact'),
    reassessment: t('dv.taskKind.reassessment'),
    risk_meeting: t('dv.taskKind.risk_meeting'),
    override_confirmation: t('dv.taskKind.override_confirmation'),
    school_help_request: target ? t('dv.taskKind.school_help_request_to', { target }) : t('dv.taskKind.school_help_request'),
    measure_expiry: endsOn ? t('dv.taskKind.measure_expiry_on', { date: endsOn }) : t('dv.taskKind.measure_expiry'),
  };
  return names[kind] ?? title;
}

/** Where a school asks help from. */
export function helpTargetName(t: TFunction, target: string): string {
  return pick({ fsc: t('dv.helpTarget.fsc'), health: t('dv.helpTarget.health') }, target);
}

/** An agency taking part in a risk meeting. */
export function agencyName(t: TFunction, agency: string): string {
  return pick(
    {
      police: t('dv.agency.police'),
      fsc: t('dv.agency.fsc'),
      health: t('dv.agency.health'),
      education: t('dv.agency.education'),
      ngo: t('dv.agency.ngo'),
      akimat: t('dv.agency.akimat'),
      prosecutor: t('dv.agency.prosecutor'),
      other: t('dv.agency.other'),
    },
    agency,
  );
}

/** A risk meeting's or a meeting action's status. */
export function meetingStatusName(t: TFunction, status: string): string {
  return pick(
    {
      planned: t('dv.meetingStatus.planned'),
      held: t('dv.meetingStatus.held'),
      cancelled: t('dv.meetingStatus.cancelled'),
      open: t('dv.meetingStatus.open'),
      done: t('dv.meetingStatus.done'),
      dropped: t('dv.meetingStatus.dropped'),
    },
    status,
  );
}

/** A protective measure's condition. */
export function conditionName(t: TFunction, condition: string): string {
  return pick(
    {
      no_contact: t('dv.condition.no_contact'),
      no_alcohol: t('dv.condition.no_alcohol'),
      no_cohabitation: t('dv.condition.no_cohabitation'),
    },
    condition,
  );
}

const text = (v: DvParams[string] | undefined) => (v === null || v === undefined ? '' : String(v));

/** A timeline entry in the UI language, from its kind and params; the English summary for unknown kinds. */
export function timelineText(t: TFunction, entry: DvTimelineEntry): string {
  const p = entry.params;
  const band = bandName(t, text(p.band));
  const names: Record<string, string> = {
    intake: p.isRepeat
      ? t('dv.timelineKind.intake_repeat', { code: text(p.code), source: sourceName(t, text(p.source)) })
      : t('dv.timelineKind.intake', { code: text(p.code), source: sourceName(t, text(p.source)) }),
    incident: p.isRepeat
      ? t('dv.timelineKind.incident_repeat', { source: sourceName(t, text(p.source)) })
      : t('dv.timelineKind.incident', { source: sourceName(t, text(p.source)) }),
    assessment: p.pendingBand
      ? t('dv.timelineKind.assessment_pending', { score: text(p.score), band, pending: bandName(t, text(p.pendingBand)) })
      : t('dv.timelineKind.assessment', { score: text(p.score), band }),
    override_confirmed: t('dv.timelineKind.override_confirmed', { band }),
    override_rejected: t('dv.timelineKind.override_rejected', { band: bandName(t, text(p.overrideBand)) }),
    updated: p.status ? t('dv.timelineKind.updated_status', { status: caseStatusName(t, text(p.status)) }) : t('dv.timelineKind.updated'),
    access_granted: t('dv.timelineKind.access_granted', { hours: text(p.hours) }),
    assigned: t('dv.timelineKind.assigned'),
    first_contact: t('dv.timelineKind.first_contact'),
    school_help_request: t('dv.timelineKind.school_help_request', { target: helpTargetName(t, text(p.helpTarget)) }),
    measure: t('dv.timelineKind.measure', {
      kind: measureKindName(t, text(p.measureKind)),
      from: text(p.startsOn),
      to: text(p.endsOn),
    }),
    measure_checkin: t('dv.timelineKind.measure_checkin'),
    measure_missed_checkin: t('dv.timelineKind.measure_missed_checkin'),
    measure_breach: t('dv.timelineKind.measure_breach', { code: text(p.legalCode) }),
    measure_expired: t('dv.timelineKind.measure_expired'),
    escalated: p.band
      ? t('dv.timelineKind.escalated_band', { band })
      : t('dv.timelineKind.escalated_repeat', { count: Number(p.incidents ?? 0), months: text(p.months) }),
    meeting_scheduled: t('dv.timelineKind.meeting_scheduled', { date: text(p.date) }),
    meeting_action: t('dv.timelineKind.meeting_action', { agency: agencyName(t, text(p.agency)), date: text(p.dueOn) }),
    referral: p.consentOverridden
      ? t('dv.timelineKind.referral_override', { provider: text(p.provider) })
      : t('dv.timelineKind.referral', { provider: text(p.provider) }),
    task_done: t('dv.timelineKind.task_done', { task: taskKindName(t, text(p.taskKind), entry.summary, p) }),
    attachment: t('dv.timelineKind.attachment', { name: text(p.name) }),
  };
  if (entry.kind.startsWith('referral_'))
    return t('dv.timelineKind.referral_step', { status: referralStatusName(t, entry.kind.slice('referral_'.length)) });
  return names[entry.kind] ?? entry.summary;
}
