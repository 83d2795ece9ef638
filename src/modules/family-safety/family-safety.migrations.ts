import type { Migration } from '../../kernel/db/migrator.ts';

export const familySafetyMigrations: Migration[] = [
  {
    id: '0001_family_safety',
    sql: `
create table dv_schools (
  id uuid primary key default gen_random_uuid(),
  code text not null unique,
  region_code text not null references regions(code),
  name text not null,
  address text not null,
  is_synthetic boolean not null default false,
  created_at timestamptz not null default now()
);
create index dv_schools_region_idx on dv_schools (region_code, code);

create table dv_providers (
  id uuid primary key default gen_random_uuid(),
  code text not null unique,
  kind text not null check (kind in ('fsc', 'ngo', 'psychologist', 'shelter', 'health')),
  region_code text not null references regions(code),
  name text not null,
  address text not null,
  phone text not null,
  services text[] not null default '{}',
  capacity integer not null check (capacity between 0 and 100000),
  status text not null check (status in ('open', 'planned', 'closed')),
  opens_on date,
  version integer not null default 1,
  is_synthetic boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index dv_providers_region_idx on dv_providers (region_code, kind, status);

-- who works where: a school's designated contact, or a provider's staff member
create table dv_staff_links (
  user_id uuid primary key references users(id) on delete cascade,
  school_id uuid references dv_schools(id),
  provider_id uuid references dv_providers(id),
  created_at timestamptz not null default now(),
  check ((school_id is null) <> (provider_id is null))
);
create index dv_staff_links_school_idx on dv_staff_links (school_id);
create index dv_staff_links_provider_idx on dv_staff_links (provider_id);

create table dv_persons (
  id uuid primary key default gen_random_uuid(),
  region_code text not null references regions(code),
  last_name text not null,
  first_name text not null,
  patronymic text,
  norm_name text not null,
  birth_date date,
  gender text check (gender in ('male', 'female')),
  phone text,
  address text,
  is_synthetic boolean not null default false,
  created_at timestamptz not null default now()
);
create index dv_persons_name_idx on dv_persons (region_code, norm_name, birth_date);

create table dv_case_counters (
  region_code text not null,
  year integer not null,
  last integer not null,
  primary key (region_code, year)
);

create table dv_cases (
  id uuid primary key default gen_random_uuid(),
  code text not null unique,
  region_code text not null references regions(code),
  status text not null default 'open' check (status in ('open', 'closed')),
  source text not null,
  address text not null,
  norm_address text not null,
  legal_code text references legal_references(code),
  risk_band text check (risk_band in ('standard', 'medium', 'high')),
  is_repeat boolean not null default false,
  repeat_of uuid references dv_cases(id),
  incident_count integer not null default 1,
  escalation text not null default 'none' check (escalation in ('none', 'meeting_required', 'meeting_scheduled')),
  assigned_to uuid references users(id),
  first_contact_at timestamptz,
  last_incident_at timestamptz not null,
  closed_reason text,
  version integer not null default 1,
  is_synthetic boolean not null default false,
  created_by text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index dv_cases_region_created_idx on dv_cases (region_code, created_at desc, id desc);
create index dv_cases_created_idx on dv_cases (created_at desc, id desc);
create index dv_cases_code_prefix_idx on dv_cases (code text_pattern_ops);
create index dv_cases_region_band_idx on dv_cases (region_code, risk_band, status);
create index dv_cases_region_address_idx on dv_cases (region_code, norm_address);

create table dv_case_team (
  case_id uuid not null references dv_cases(id) on delete cascade,
  user_id uuid not null references users(id) on delete cascade,
  role text not null,
  added_at timestamptz not null default now(),
  primary key (case_id, user_id)
);
create index dv_case_team_user_idx on dv_case_team (user_id);

create table dv_case_people (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references dv_cases(id) on delete cascade,
  person_id uuid not null references dv_persons(id),
  role text not null check (role in ('victim', 'offender', 'child', 'other')),
  was_present boolean not null default false,
  school_id uuid references dv_schools(id),
  school_class text,
  created_at timestamptz not null default now(),
  unique (case_id, person_id, role)
);
create index dv_case_people_person_idx on dv_case_people (person_id);

create table dv_incidents (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references dv_cases(id) on delete cascade,
  region_code text not null,
  occurred_at timestamptz not null,
  source text not null,
  address text not null,
  norm_address text not null,
  narrative text not null,
  legal_code text references legal_references(code),
  first_actions text not null default '',
  created_by text not null,
  created_at timestamptz not null default now()
);
create index dv_incidents_case_idx on dv_incidents (case_id, occurred_at);
create index dv_incidents_address_idx on dv_incidents (region_code, norm_address, occurred_at);
create index dv_incidents_region_time_idx on dv_incidents (region_code, occurred_at);

create table dv_idempotency (
  actor text not null,
  key text not null,
  request_hash text not null,
  case_id uuid not null,
  created_at timestamptz not null default now(),
  primary key (actor, key)
);

create table dv_risk_items (
  instrument_version integer not null,
  item_code text not null,
  position integer not null,
  weight integer not null check (weight between 0 and 100),
  text_kk text not null,
  text_ru text not null,
  text_en text not null,
  primary key (instrument_version, item_code)
);
create table dv_risk_thresholds (
  instrument_version integer not null,
  region_code text not null,
  medium_from integer not null,
  high_from integer not null,
  primary key (instrument_version, region_code),
  check (high_from > medium_from)
);

create table dv_assessments (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references dv_cases(id) on delete cascade,
  incident_id uuid references dv_incidents(id),
  instrument_version integer not null,
  answers jsonb not null,
  score integer not null,
  computed_band text not null check (computed_band in ('standard', 'medium', 'high')),
  override_band text check (override_band in ('standard', 'medium', 'high')),
  override_reason text,
  override_status text not null default 'none' check (override_status in ('none', 'applied', 'pending', 'confirmed', 'rejected')),
  override_by text,
  override_by_id uuid,
  confirmed_by text,
  confirmed_at timestamptz,
  band text not null check (band in ('standard', 'medium', 'high')),
  created_by text not null,
  created_at timestamptz not null default now()
);
create index dv_assessments_case_idx on dv_assessments (case_id, created_at);
create index dv_assessments_pending_idx on dv_assessments (override_status) where override_status = 'pending';

create table dv_measures (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references dv_cases(id) on delete cascade,
  region_code text not null,
  kind text not null check (kind in ('protective_order', 'special_requirements')),
  subject_person_id uuid not null references dv_persons(id),
  starts_on date not null,
  ends_on date not null,
  conditions jsonb not null default '{}',
  checkins_per_month integer not null default 0,
  status text not null default 'active' check (status in ('active', 'expired', 'revoked')),
  breach_count integer not null default 0,
  created_by text not null,
  created_at timestamptz not null default now(),
  check (ends_on >= starts_on)
);
create index dv_measures_case_idx on dv_measures (case_id);
create index dv_measures_expiry_idx on dv_measures (status, ends_on);
create index dv_measures_region_idx on dv_measures (region_code, starts_on);

create table dv_measure_events (
  id uuid primary key default gen_random_uuid(),
  measure_id uuid not null references dv_measures(id) on delete cascade,
  kind text not null check (kind in ('checkin', 'missed_checkin', 'breach')),
  occurred_at timestamptz not null,
  note text not null default '',
  legal_code text references legal_references(code),
  created_by text not null,
  created_at timestamptz not null default now()
);
create index dv_measure_events_measure_idx on dv_measure_events (measure_id, occurred_at);

create table dv_tasks (
  id uuid primary key default gen_random_uuid(),
  case_id uuid references dv_cases(id) on delete cascade,
  region_code text not null,
  kind text not null,
  title text not null,
  due_at timestamptz not null,
  status text not null default 'open' check (status in ('open', 'done', 'cancelled')),
  source_key text unique,
  done_at timestamptz,
  done_by text,
  created_at timestamptz not null default now()
);
create index dv_tasks_region_due_idx on dv_tasks (region_code, status, due_at);
create index dv_tasks_case_idx on dv_tasks (case_id, kind, status);

create table dv_timeline (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references dv_cases(id) on delete cascade,
  at timestamptz not null default now(),
  kind text not null,
  summary text not null,
  actor text not null,
  details jsonb not null default '{}'
);
create index dv_timeline_case_idx on dv_timeline (case_id, at, id);

create table dv_referrals (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references dv_cases(id) on delete cascade,
  region_code text not null,
  person_id uuid not null references dv_persons(id),
  provider_id uuid not null references dv_providers(id),
  status text not null default 'draft'
    check (status in ('draft', 'sent', 'accepted', 'rejected', 'first_contact', 'support_plan', 'sessions', 'closed')),
  reason text not null,
  grants text[] not null default '{}',
  consent text not null check (consent in ('given', 'override')),
  consent_note text not null,
  reject_reason text,
  support_plan text,
  session_count integer not null default 0,
  closing_report text,
  outcome text,
  due_at timestamptz,
  sent_at timestamptz,
  accepted_at timestamptz,
  closed_at timestamptz,
  version integer not null default 1,
  created_by text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index dv_referrals_region_idx on dv_referrals (region_code, created_at desc);
create index dv_referrals_provider_idx on dv_referrals (provider_id, status);
create index dv_referrals_due_idx on dv_referrals (due_at) where status not in ('draft', 'rejected', 'closed');
create index dv_referrals_case_idx on dv_referrals (case_id);

create table dv_child_notifications (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references dv_cases(id) on delete cascade,
  case_person_id uuid not null references dv_case_people(id) on delete cascade,
  school_id uuid not null references dv_schools(id),
  region_code text not null,
  visible_from timestamptz not null,
  status text not null default 'new' check (status in ('new', 'acknowledged', 'supporting', 'closed')),
  acknowledged_at timestamptz,
  version integer not null default 1,
  created_at timestamptz not null default now()
);
create index dv_child_notifications_school_idx on dv_child_notifications (school_id, visible_from desc);
create index dv_child_notifications_case_idx on dv_child_notifications (case_id);
create index dv_child_notifications_region_idx on dv_child_notifications (region_code, created_at);

create table dv_child_support (
  id uuid primary key default gen_random_uuid(),
  notification_id uuid not null references dv_child_notifications(id) on delete cascade,
  kind text not null check (kind in ('observation', 'support_plan', 'follow_up', 'outcome', 'help_request')),
  text text not null,
  help_target text check (help_target in ('fsc', 'health')),
  created_by text not null,
  created_at timestamptz not null default now()
);
create index dv_child_support_notification_idx on dv_child_support (notification_id, created_at);

create table dv_access_grants (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references dv_cases(id) on delete cascade,
  user_id uuid not null references users(id) on delete cascade,
  reason text not null,
  expires_at timestamptz not null,
  created_at timestamptz not null default now()
);
create index dv_access_grants_user_idx on dv_access_grants (user_id, case_id, expires_at);

create table dv_meetings (
  id uuid primary key default gen_random_uuid(),
  region_code text not null references regions(code),
  scheduled_at timestamptz not null,
  status text not null default 'planned' check (status in ('planned', 'held', 'cancelled')),
  agenda text not null default '',
  participants jsonb not null default '[]',
  minutes text,
  version integer not null default 1,
  created_by text not null,
  created_at timestamptz not null default now()
);
create index dv_meetings_region_idx on dv_meetings (region_code, scheduled_at desc);
create table dv_meeting_cases (
  meeting_id uuid not null references dv_meetings(id) on delete cascade,
  case_id uuid not null references dv_cases(id) on delete cascade,
  primary key (meeting_id, case_id)
);
create index dv_meeting_cases_case_idx on dv_meeting_cases (case_id);
create table dv_meeting_actions (
  id uuid primary key default gen_random_uuid(),
  meeting_id uuid not null references dv_meetings(id) on delete cascade,
  case_id uuid references dv_cases(id),
  description text not null,
  owner_agency text not null,
  owner_name text not null,
  due_on date not null,
  status text not null default 'open' check (status in ('open', 'done', 'dropped')),
  follow_up text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index dv_meeting_actions_meeting_idx on dv_meeting_actions (meeting_id);
`,
  },
  {
    id: '0002_family_safety_params_attachments',
    sql: `
alter table dv_timeline add column params jsonb not null default '{}';
-- entries of one transaction share now(): the sequence keeps them in the order they were written
alter table dv_timeline add column seq bigserial;
alter table dv_tasks add column params jsonb not null default '{}';
alter table dv_cases add column closed_at timestamptz;
create index dv_cases_closed_idx on dv_cases (closed_at) where status = 'closed';
create table dv_attachments (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references dv_cases(id) on delete cascade,
  region_code text not null,
  name text not null,
  content_type text not null,
  size_bytes bigint not null check (size_bytes > 0),
  sha256 text not null,
  created_by text not null,
  created_at timestamptz not null default now()
);
create index dv_attachments_case_idx on dv_attachments (case_id, created_at);
`,
  },
];
