import type { Migration } from '../../kernel/db/migrator.ts';

export const identityMigrations: Migration[] = [
  {
    id: '0001_identity',
    sql: `
create table organisations (
  id uuid primary key default gen_random_uuid(),
  code text not null unique,
  kind text not null check (kind in ('agency', 'akimat', 'client')),
  name_kk text not null,
  name_ru text not null,
  name_en text not null,
  region_code text references regions(code)
);
create table users (
  id uuid primary key default gen_random_uuid(),
  username text not null,
  display_name text not null,
  password_hash text not null,
  role text not null,
  organisation_id uuid not null references organisations(id),
  region_code text references regions(code),
  locale text not null default 'ru' check (locale in ('kk', 'ru', 'en')),
  totp_secret_box text,
  totp_last_step bigint,
  is_active boolean not null default true,
  is_synthetic boolean not null default false,
  failed_logins integer not null default 0,
  locked_until timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index users_username_key on users (lower(username));
create index users_region_idx on users (region_code);
create table sessions (
  id uuid primary key default gen_random_uuid(),
  token_hash text not null unique,
  user_id uuid not null references users(id),
  csrf_token text not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz,
  ip text,
  user_agent text
);
create index sessions_user_idx on sessions (user_id);
create table auth_challenges (
  id uuid primary key default gen_random_uuid(),
  token_hash text not null unique,
  user_id uuid not null references users(id),
  attempts integer not null default 0,
  expires_at timestamptz not null,
  used_at timestamptz
);
create table api_tokens (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  token_hash text not null unique,
  prefix text not null,
  organisation_id uuid not null references organisations(id),
  region_code text references regions(code),
  permissions text[] not null,
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  expires_at timestamptz,
  revoked_at timestamptz
);
`,
  },
  {
    id: '0002_organisation_kinds',
    sql: `
alter table organisations drop constraint organisations_kind_check;
alter table organisations add constraint organisations_kind_check
  check (kind in ('agency', 'akimat', 'client', 'school', 'centre', 'ngo', 'health', 'police_unit'));
`,
  },
];
