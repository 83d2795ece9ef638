import type { Migration } from '../db/migrator.ts';

export const auditMigrations: Migration[] = [
  {
    id: '0001_audit_log',
    sql: `
create table audit_log (
  seq bigint primary key,
  at timestamptz not null,
  actor_kind text not null,
  actor_user_id text,
  actor_token_id text,
  actor_username text not null,
  organisation_code text,
  action text not null,
  resource_type text not null,
  resource_id text,
  region_code text,
  purpose text,
  request_id text,
  details jsonb not null default '{}'::jsonb,
  prev_hash text not null,
  hash text not null
);
create index audit_log_at_idx on audit_log (at);
create index audit_log_resource_idx on audit_log (resource_type, resource_id);
create index audit_log_actor_idx on audit_log (actor_username);
create index audit_log_action_idx on audit_log (action);

create function tartip_audit_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege';
end
$$;
create trigger audit_log_no_update_delete before update or delete on audit_log
  for each row execute function tartip_audit_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function tartip_audit_append_only();
`,
  },
  {
    id: '0002_settings',
    sql: `
create table tartip_settings (
  key text primary key,
  value jsonb not null,
  updated_at timestamptz not null default now()
);
`,
  },
  {
    id: '0003_audit_pending',
    sql: `
create table audit_pending (
  id bigserial primary key,
  at timestamptz not null,
  actor_kind text not null,
  actor_user_id text,
  actor_token_id text,
  actor_username text not null,
  organisation_code text,
  action text not null,
  resource_type text not null,
  resource_id text,
  region_code text,
  purpose text,
  request_id text,
  details jsonb not null default '{}'::jsonb
);

-- Pending entries are never edited; only the sealer (which chains them in the same transaction) removes them.
create function tartip_audit_pending_guard() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' and coalesce(current_setting('tartip.audit_seal', true), '') = 'on' then
    return old;
  end if;
  raise exception 'audit_pending: % is not allowed outside sealing', tg_op using errcode = 'insufficient_privilege';
end
$$;
create trigger audit_pending_guard before update or delete on audit_pending
  for each row execute function tartip_audit_pending_guard();
create trigger audit_pending_no_truncate before truncate on audit_pending
  for each statement execute function tartip_audit_pending_guard();
`,
  },
];
