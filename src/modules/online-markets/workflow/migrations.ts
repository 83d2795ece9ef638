import type { Migration } from '../../../kernel/db/migrator.ts';

/**
 * Core tables of the online-markets workflow: every intake item (submission), the deduplicated
 * resources it lands on, their indicators, the shops (operators) that resources cluster into, the
 * blocking decisions, reachability checks and one timeline of events. Resources are national
 * (cyber-police and the authorised body work the whole country); `region_code` only records where a
 * citizen or an officer reported it, for the dashboard.
 */
export const workflowMigrations: Migration[] = [
  {
    id: '0001_om_core',
    sql: `
create table om_shops (
  id uuid primary key default gen_random_uuid(),
  code text not null unique,
  name text not null,
  status text not null default 'active' check (status in ('active', 'blocked', 'dormant')),
  first_seen_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create sequence om_shop_code_seq;

create table om_resources (
  id uuid primary key default gen_random_uuid(),
  -- domain: a website; url: one page; telegram: a channel, group or bot; text: an ad without a locator
  kind text not null check (kind in ('domain', 'url', 'telegram', 'text')),
  -- canonical: registrable domain, normalised URL, handle without @, or sha256 of the normalised text
  locator text not null,
  telegram_id bigint,
  title text,
  text_sample text,
  label text check (label in ('drug_ad', 'drug_recruitment', 'benign')),
  score real check (score between 0 and 1),
  reasons jsonb not null default '[]',
  status text not null default 'detected'
    check (status in ('detected', 'in_review', 'dismissed', 'approved', 'published', 'blocked', 'reachable', 'restored')),
  shop_id uuid references om_shops(id),
  is_mirror boolean not null default false,
  simhash bigint,
  simhash_b0 integer, simhash_b1 integer, simhash_b2 integer, simhash_b3 integer,
  favicon_sha256 text,
  region_code text references regions(code),
  source_count integer not null default 1,
  first_seen_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  status_changed_at timestamptz not null default now(),
  approved_at timestamptz,
  published_at timestamptz,
  verified_at timestamptz,
  next_check_at timestamptz,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (kind, locator)
);
create index om_resources_queue_idx on om_resources (status, score desc);
create index om_resources_shop_idx on om_resources (shop_id);
create index om_resources_check_idx on om_resources (next_check_at) where next_check_at is not null;
create index om_resources_b0_idx on om_resources (simhash_b0);
create index om_resources_b1_idx on om_resources (simhash_b1);
create index om_resources_b2_idx on om_resources (simhash_b2);
create index om_resources_b3_idx on om_resources (simhash_b3);
create index om_resources_favicon_idx on om_resources (favicon_sha256) where favicon_sha256 is not null;

-- every item that reached intake, from any source; the resource it landed on
create table om_submissions (
  id uuid primary key default gen_random_uuid(),
  source text not null check (source in ('analyst', 'citizen', 'crawler', 'partner', 'recheck')),
  -- partner batches and API clients: their own item id, idempotent per submitter
  external_id text,
  submitted_by text,
  organisation_code text,
  input_kind text not null check (input_kind in ('text', 'url', 'telegram', 'photo', 'html')),
  input text not null,
  ocr_text text,
  latitude double precision check (latitude between -90 and 90),
  longitude double precision check (longitude between -180 and 180),
  region_code text references regions(code),
  resource_id uuid references om_resources(id),
  outcome text not null check (outcome in ('new', 'duplicate', 'rejected', 'pending')),
  error text,
  created_at timestamptz not null default now()
);
create unique index om_submissions_external_idx on om_submissions (submitted_by, external_id) where external_id is not null;
create index om_submissions_resource_idx on om_submissions (resource_id);
create index om_submissions_created_idx on om_submissions (created_at);

-- cards are stored as keyed hash (value) + last four digits, never in clear
create table om_indicators (
  id uuid primary key default gen_random_uuid(),
  resource_id uuid not null references om_resources(id),
  type text not null check (type in ('telegram', 'url', 'domain', 'phone', 'card', 'crypto', 'email', 'substance')),
  value text not null,
  last4 text,
  created_at timestamptz not null default now(),
  unique (resource_id, type, value)
);
create index om_indicators_value_idx on om_indicators (type, value);

create table om_decisions (
  id uuid primary key default gen_random_uuid(),
  resource_id uuid not null references om_resources(id),
  action text not null check (action in ('approve', 'restore')),
  legal_basis text not null,
  decision_number text not null,
  decision_date date not null,
  decision_body text not null,
  reason text not null,
  decided_by text not null,
  decided_at timestamptz not null default now()
);
create index om_decisions_resource_idx on om_decisions (resource_id, decided_at);

create table om_checks (
  id uuid primary key default gen_random_uuid(),
  resource_id uuid not null references om_resources(id),
  checked_at timestamptz not null default now(),
  reachable boolean not null,
  http_status integer,
  error text,
  evidence_id uuid
);
create index om_checks_resource_idx on om_checks (resource_id, checked_at);

-- one timeline for resources and shops: status changes, new mirrors, indicators, checks
create table om_events (
  id bigserial primary key,
  resource_id uuid references om_resources(id),
  shop_id uuid references om_shops(id),
  kind text not null,
  from_status text,
  to_status text,
  actor text not null,
  detail jsonb not null default '{}',
  at timestamptz not null default now()
);
create index om_events_resource_idx on om_events (resource_id, id);
create index om_events_shop_idx on om_events (shop_id, id);
create index om_events_at_idx on om_events (at);
`,
  },
  {
    id: '0002_om_workflow',
    sql: `
-- crawl bookkeeping: depth 1 = found on a known shop's page (never followed further)
alter table om_resources add column crawl_depth smallint not null default 0;
alter table om_resources add column captured_at timestamptz;
alter table om_resources add column capture_error text;
alter table om_resources add column capture_attempts integer not null default 0;
create index om_resources_uncaptured_idx on om_resources (created_at) where captured_at is null and kind <> 'text';
-- a shop found to share an identifier with an older one is merged into it
alter table om_shops add column merged_into uuid references om_shops(id);
`,
  },
];
