import type { Generated, Selectable } from 'kysely';

declare module '../../kernel/db/schema.ts' {
  interface Database {
    dv_schools: DvSchoolsTable;
    dv_providers: DvProvidersTable;
    dv_staff_links: { user_id: string; school_id: string | null; provider_id: string | null; created_at: Generated<Date> };
    dv_persons: DvPersonsTable;
    dv_case_counters: { region_code: string; year: number; last: number };
    dv_cases: DvCasesTable;
    dv_case_team: { case_id: string; user_id: string; role: string; added_at: Generated<Date> };
    dv_case_people: DvCasePeopleTable;
    dv_incidents: DvIncidentsTable;
    dv_idempotency: { actor: string; key: string; request_hash: string; case_id: string; created_at: Generated<Date> };
    dv_risk_items: {
      instrument_version: number;
      item_code: string;
      position: number;
      weight: number;
      text_kk: string;
      text_ru: string;
      text_en: string;
    };
    dv_risk_thresholds: { instrument_version: number; region_code: string; medium_from: number; high_from: number };
    dv_assessments: DvAssessmentsTable;
    dv_measures: DvMeasuresTable;
    dv_measure_events: DvMeasureEventsTable;
    dv_tasks: DvTasksTable;
    dv_timeline: DvTimelineTable;
    dv_attachments: {
      id: Generated<string>;
      case_id: string;
      region_code: string;
      name: string;
      content_type: string;
      size_bytes: number | string;
      sha256: string;
      created_by: string;
      created_at: Generated<Date>;
    };
    dv_referrals: DvReferralsTable;
    dv_child_notifications: DvChildNotificationsTable;
    dv_child_support: DvChildSupportTable;
    dv_access_grants: {
      id: Generated<string>;
      case_id: string;
      user_id: string;
      reason: string;
      expires_at: Date;
      created_at: Generated<Date>;
    };
    dv_meetings: DvMeetingsTable;
    dv_meeting_cases: { meeting_id: string; case_id: string };
    dv_meeting_actions: DvMeetingActionsTable;
  }
}

export type DvSchoolsTable = {
  id: Generated<string>;
  code: string;
  region_code: string;
  name: string;
  address: string;
  is_synthetic: Generated<boolean>;
  created_at: Generated<Date>;
};

export type DvProvidersTable = {
  id: Generated<string>;
  code: string;
  kind: string;
  region_code: string;
  name: string;
  address: string;
  phone: string;
  services: string[];
  capacity: number;
  status: string;
  opens_on: string | null;
  version: Generated<number>;
  is_synthetic: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type DvPersonsTable = {
  id: Generated<string>;
  region_code: string;
  last_name: string;
  first_name: string;
  patronymic: string | null;
  norm_name: string;
  birth_date: string | null;
  gender: string | null;
  phone: string | null;
  address: string | null;
  is_synthetic: Generated<boolean>;
  created_at: Generated<Date>;
};

export type DvCasesTable = {
  id: Generated<string>;
  code: string;
  region_code: string;
  status: Generated<string>;
  source: string;
  address: string;
  norm_address: string;
  legal_code: string | null;
  risk_band: string | null;
  is_repeat: Generated<boolean>;
  repeat_of: string | null;
  incident_count: Generated<number>;
  escalation: Generated<string>;
  assigned_to: string | null;
  first_contact_at: Date | null;
  last_incident_at: Date;
  closed_reason: string | null;
  closed_at: Generated<Date | null>;
  version: Generated<number>;
  is_synthetic: Generated<boolean>;
  created_by: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type DvCasePeopleTable = {
  id: Generated<string>;
  case_id: string;
  person_id: string;
  role: string;
  was_present: Generated<boolean>;
  school_id: string | null;
  school_class: string | null;
  created_at: Generated<Date>;
};

export type DvIncidentsTable = {
  id: Generated<string>;
  case_id: string;
  region_code: string;
  occurred_at: Date;
  source: string;
  address: string;
  norm_address: string;
  narrative: string;
  legal_code: string | null;
  first_actions: Generated<string>;
  created_by: string;
  created_at: Generated<Date>;
};

export type DvAssessmentsTable = {
  id: Generated<string>;
  case_id: string;
  incident_id: string | null;
  instrument_version: number;
  answers: unknown;
  score: number;
  computed_band: string;
  override_band: string | null;
  override_reason: string | null;
  override_status: Generated<string>;
  override_by: string | null;
  override_by_id: string | null;
  confirmed_by: string | null;
  confirmed_at: Date | null;
  band: string;
  created_by: string;
  created_at: Generated<Date>;
};

export type DvMeasuresTable = {
  id: Generated<string>;
  case_id: string;
  region_code: string;
  kind: string;
  subject_person_id: string;
  starts_on: string;
  ends_on: string;
  conditions: unknown;
  checkins_per_month: Generated<number>;
  status: Generated<string>;
  breach_count: Generated<number>;
  created_by: string;
  created_at: Generated<Date>;
};

export type DvMeasureEventsTable = {
  id: Generated<string>;
  measure_id: string;
  kind: string;
  occurred_at: Date;
  note: Generated<string>;
  legal_code: string | null;
  created_by: string;
  created_at: Generated<Date>;
};

export type DvTasksTable = {
  id: Generated<string>;
  case_id: string | null;
  region_code: string;
  kind: string;
  title: string;
  due_at: Date;
  status: Generated<string>;
  source_key: string | null;
  /** Values for the web to fill into the translated title of `kind`. */
  params: Generated<unknown>;
  done_at: Date | null;
  done_by: string | null;
  created_at: Generated<Date>;
};

export type DvTimelineTable = {
  id: Generated<string>;
  case_id: string;
  at: Generated<Date>;
  kind: string;
  summary: string;
  actor: string;
  details: unknown;
  /** Values for the web to fill into the translated text of `kind` (summary stays English). */
  params?: unknown;
  seq: Generated<string>;
};

export type DvReferralsTable = {
  id: Generated<string>;
  case_id: string;
  region_code: string;
  person_id: string;
  provider_id: string;
  status: Generated<string>;
  reason: string;
  grants: string[];
  consent: string;
  consent_note: string;
  reject_reason: string | null;
  support_plan: string | null;
  session_count: Generated<number>;
  closing_report: string | null;
  outcome: string | null;
  due_at: Date | null;
  sent_at: Date | null;
  accepted_at: Date | null;
  closed_at: Date | null;
  version: Generated<number>;
  created_by: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type DvChildNotificationsTable = {
  id: Generated<string>;
  case_id: string;
  case_person_id: string;
  school_id: string;
  region_code: string;
  visible_from: Date;
  status: Generated<string>;
  acknowledged_at: Date | null;
  version: Generated<number>;
  created_at: Generated<Date>;
};

export type DvChildSupportTable = {
  id: Generated<string>;
  notification_id: string;
  kind: string;
  text: string;
  help_target: string | null;
  created_by: string;
  created_at: Generated<Date>;
};

export type DvMeetingsTable = {
  id: Generated<string>;
  region_code: string;
  scheduled_at: Date;
  status: Generated<string>;
  agenda: Generated<string>;
  participants: unknown;
  minutes: string | null;
  version: Generated<number>;
  created_by: string;
  created_at: Generated<Date>;
};

export type DvMeetingActionsTable = {
  id: Generated<string>;
  meeting_id: string;
  case_id: string | null;
  description: string;
  owner_agency: string;
  owner_name: string;
  due_on: string;
  status: Generated<string>;
  follow_up: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type CaseRow = Selectable<DvCasesTable>;
export type PersonRow = Selectable<DvPersonsTable>;
export type ReferralRow = Selectable<DvReferralsTable>;
export type AssessmentRow = Selectable<DvAssessmentsTable>;
export type MeasureRow = Selectable<DvMeasuresTable>;
export type ProviderRow = Selectable<DvProvidersTable>;
export type SchoolRow = Selectable<DvSchoolsTable>;
export type NotificationRow = Selectable<DvChildNotificationsTable>;
