import type { Migration } from '../../../kernel/db/migrator.ts';

/**
 * Evidence tables (immutable captures); they follow the core tables of workflow/migrations.ts.
 * One row per artefact (WARC, screenshot, capture metadata, citizen photo) with its SHA-256; the
 * artefacts of one capture share `capture_id`. Triggers refuse UPDATE, DELETE and TRUNCATE.
 */
export const evidenceMigrations: Migration[] = [
  {
    id: '0051_om_evidence',
    sql: `
create table om_evidence (
  id uuid primary key default gen_random_uuid(),
  resource_id uuid not null references om_resources(id),
  capture_id uuid not null,
  kind text not null check (kind in ('capture', 'warc', 'screenshot', 'photo')),
  url text,
  retrieved_at timestamptz not null,
  http_status integer,
  headers jsonb not null default '{}'::jsonb,
  resolved_ips text[] not null default '{}',
  content_type text not null,
  size integer not null check (size >= 0),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  content bytea not null,
  captured_by text not null,
  created_at timestamptz not null default now(),
  check (octet_length(content) = size)
);
create index om_evidence_resource_idx on om_evidence (resource_id, retrieved_at);
create index om_evidence_capture_idx on om_evidence (capture_id);
create index om_evidence_sha256_idx on om_evidence (sha256);

create function om_evidence_immutable() returns trigger language plpgsql as $$
begin
  raise exception 'om_evidence is immutable: % is not allowed', tg_op using errcode = 'insufficient_privilege';
end
$$;
create trigger om_evidence_no_update_delete before update or delete on om_evidence
  for each row execute function om_evidence_immutable();
create trigger om_evidence_no_truncate before truncate on om_evidence
  for each statement execute function om_evidence_immutable();
`,
  },
];
