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
];
