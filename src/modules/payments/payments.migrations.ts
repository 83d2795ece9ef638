import type { Migration } from '../../kernel/db/migrator.ts';

/**
 * Payments records are national (the financial intelligence unit's), not region-owned: only national
 * roles hold `payments.read`. Card numbers are stored as keyed hash + last four, never in clear.
 */
export const paymentsMigrations: Migration[] = [
  {
    id: '0001_payments_tables',
    sql: `
create table pay_transactions (
  tx_id text primary key,
  ts timestamptz not null,
  payer text not null,
  payer_last4 text,
  payee text not null,
  payee_last4 text,
  amount numeric(16, 2) not null check (amount > 0),
  currency text not null,
  channel text not null,
  payer_bank text not null,
  payee_bank text not null,
  source text not null,
  batch_id text not null,
  created_at timestamptz not null default now()
);
-- No per-account indexes yet: nothing queries stored transactions by account in this increment, and two
-- random-key btrees cut bulk-load speed by ~3x. Add them (create index concurrently) with the first such query.

create table pay_watchlist (
  id uuid primary key default gen_random_uuid(),
  identifier_hash text not null,
  identifier_last4 text not null,
  type text not null,
  source text not null,
  provenance text not null default '',
  confidence real not null default 1 check (confidence between 0 and 1),
  shop_ref text,
  evidence_ref text,
  created_by text not null,
  created_at timestamptz not null default now(),
  unique (identifier_hash, source)
);

create table pay_alerts (
  id uuid primary key default gen_random_uuid(),
  account_hash text not null,
  account_label text not null,
  score real not null,
  role text,
  reasons jsonb not null default '[]',
  status text not null default 'open' check (status in ('open', 'assigned', 'escalated', 'false_positive')),
  assignee text,
  note text not null default '',
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index pay_alerts_one_active_idx on pay_alerts (account_hash) where status in ('open', 'assigned', 'escalated');
create index pay_alerts_status_idx on pay_alerts (status, created_at desc);
`,
  },
  {
    // Case work (issue 4): cases, their alerts, comments, disposition history, stored outputs, versioned
    // rule sets, the rule ids behind each alert, and the by-account indexes the network queries need.
    id: '0002_payments_cases',
    sql: `
create index pay_transactions_payer_ts_idx on pay_transactions (payer, ts);
create index pay_transactions_payee_ts_idx on pay_transactions (payee, ts);

alter table pay_alerts add column rules jsonb not null default '[]';
alter table pay_alerts drop constraint pay_alerts_status_check;
alter table pay_alerts add constraint pay_alerts_status_check
  check (status in ('open', 'assigned', 'escalated', 'false_positive', 'confirmed'));

create table pay_cases (
  id uuid primary key default gen_random_uuid(),
  code text not null unique,
  title text not null,
  status text not null default 'open' check (status in ('open', 'escalated', 'closed')),
  disposition text check (disposition in ('false_positive', 'escalate', 'confirmed')),
  accounts jsonb not null default '[]',
  network jsonb not null default '{}',
  created_by text not null,
  assignee text,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index pay_cases_status_idx on pay_cases (status, created_at desc);

create table pay_case_alerts (
  alert_id uuid primary key references pay_alerts (id),
  case_id uuid not null references pay_cases (id),
  added_by text not null,
  added_at timestamptz not null default now()
);
create index pay_case_alerts_case_idx on pay_case_alerts (case_id);

create table pay_alert_comments (
  id uuid primary key default gen_random_uuid(),
  alert_id uuid references pay_alerts (id),
  case_id uuid references pay_cases (id),
  body text not null,
  author text not null,
  created_at timestamptz not null default now(),
  check ((alert_id is null) <> (case_id is null))
);
create index pay_alert_comments_alert_idx on pay_alert_comments (alert_id, created_at);
create index pay_alert_comments_case_idx on pay_alert_comments (case_id, created_at);

create table pay_dispositions (
  id uuid primary key default gen_random_uuid(),
  alert_id uuid references pay_alerts (id),
  case_id uuid references pay_cases (id),
  disposition text not null check (disposition in ('false_positive', 'escalate', 'confirmed')),
  reason text not null,
  rules jsonb not null default '[]',
  decided_by text not null,
  decided_at timestamptz not null default now(),
  check (alert_id is not null or case_id is not null)
);
create index pay_dispositions_alert_idx on pay_dispositions (alert_id, decided_at desc);
create index pay_dispositions_case_idx on pay_dispositions (case_id, decided_at desc);

create table pay_case_reports (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references pay_cases (id),
  kind text not null check (kind in ('fm1', 'freeze')),
  body jsonb not null,
  created_by text not null,
  created_at timestamptz not null default now()
);
create index pay_case_reports_case_idx on pay_case_reports (case_id, created_at desc);

create table pay_rule_sets (
  version integer primary key,
  body jsonb not null,
  note text not null default '',
  created_by text not null,
  created_at timestamptz not null default now(),
  active boolean not null default false,
  activated_by text,
  activated_at timestamptz
);
create unique index pay_rule_sets_one_active_idx on pay_rule_sets (active) where active;
`,
  },
  {
    // The live engine replays the last days of stored transactions after a restart (ordered by ts).
    // BRIN: tiny and nearly free for rows loaded in time order, so bulk COPY keeps its speed.
    id: '0003_pay_transactions_ts_brin',
    sql: `create index pay_transactions_ts_brin on pay_transactions using brin (ts);`,
  },
  {
    // KYC link feed: which accounts (card, phone, IBAN) one holder holds. Both sides are keyed hashes: the
    // account as on the watchlist (plus last four), the holder's id (an IIN, say) never in clear.
    id: '0004_pay_account_links',
    sql: `
create table pay_account_links (
  account_hash text primary key,
  account_last4 text not null,
  holder_hash text not null,
  source text not null,
  created_by text not null,
  created_at timestamptz not null default now()
);
create index pay_account_links_holder_idx on pay_account_links (holder_hash);
`,
  },
  {
    // The network view asks "transfers in which any of these accounts pays or is paid". One GIN index on
    // both parties answers exactly that (array[payer, payee] && keys), combined with the BRIN on ts for a
    // date range. It replaces the two (payer, ts) / (payee, ts) btrees, which cost two random-position
    // btree inserts per stored row and tripled the COPY time; GIN's pending list takes new rows in bulk
    // (merged sorted) and the index is a sixth of their size. Bulk loads raise the pending list's limit
    // for their own session and merge it when they finish, so a live decision never merges a bulk load.
    id: '0005_pay_transactions_parties_gin',
    sql: `
create index pay_transactions_parties_gin on pay_transactions using gin ((array[payer, payee]));
drop index pay_transactions_payer_ts_idx;
drop index pay_transactions_payee_ts_idx;
`,
  },
];
