import type { Migration } from '../../../kernel/db/migrator.ts';

/**
 * ISP blocklist feed tables; they follow the evidence tables. History is immutable: a version and
 * its signatures never change, and an entry only ever gets `removed_in_version` set, once. So the
 * full list of any past version (entries added at or before it and not removed by it) and the delta
 * between two versions can be rebuilt byte for byte.
 */
export const feedMigrations: Migration[] = [
  {
    id: '0101_om_feed',
    sql: `
create table om_feed_versions (
  version integer primary key check (version > 0),
  previous_version integer references om_feed_versions(version),
  created_at timestamptz not null default now(),
  entry_count integer not null check (entry_count >= 0),
  added_count integer not null check (added_count >= 0),
  removed_count integer not null check (removed_count >= 0),
  key_id text not null,
  check ((version = 1 and previous_version is null) or previous_version = version - 1)
);

-- sha256 and Ed25519 signature (base64) of the full body of each format of a version
create table om_feed_signatures (
  version integer not null references om_feed_versions(version),
  format text not null,
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  signature text not null,
  bytes integer not null check (bytes >= 0),
  primary key (version, format)
);

create table om_feed_entries (
  id bigserial primary key,
  resource_id uuid not null references om_resources(id),
  decision_id uuid references om_decisions(id),
  kind text not null check (kind in ('domain', 'url', 'telegram')),
  -- as the feed shows it: ASCII (punycode) domain, normalised URL, Telegram handle without @
  value text not null check (value !~ '[[:space:]]' and length(value) between 1 and 2048),
  legal_basis text not null,
  decision_number text not null,
  decision_date date not null,
  decision_body text not null,
  added_in_version integer not null references om_feed_versions(version),
  removed_in_version integer references om_feed_versions(version),
  check (removed_in_version is null or removed_in_version > added_in_version)
);
create unique index om_feed_entries_open_idx on om_feed_entries (kind, value) where removed_in_version is null;
create index om_feed_entries_added_idx on om_feed_entries (added_in_version);
create index om_feed_entries_removed_idx on om_feed_entries (removed_in_version) where removed_in_version is not null;
create index om_feed_entries_resource_idx on om_feed_entries (resource_id);

create function om_feed_immutable() returns trigger language plpgsql as $$
begin
  raise exception '% is immutable: % is not allowed', tg_table_name, tg_op using errcode = 'insufficient_privilege';
end
$$;
create trigger om_feed_versions_immutable before update or delete on om_feed_versions
  for each row execute function om_feed_immutable();
create trigger om_feed_signatures_immutable before update or delete on om_feed_signatures
  for each row execute function om_feed_immutable();

-- an entry may only be closed, once: removed_in_version goes from null to a version, nothing else changes
create function om_feed_entry_close_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    raise exception 'om_feed_entries is append-only: DELETE is not allowed' using errcode = 'insufficient_privilege';
  end if;
  if old.removed_in_version is not null or new.removed_in_version is null
     or (to_jsonb(new) - 'removed_in_version') <> (to_jsonb(old) - 'removed_in_version') then
    raise exception 'om_feed_entries: only removed_in_version may be set, once' using errcode = 'insufficient_privilege';
  end if;
  return new;
end
$$;
create trigger om_feed_entries_close_only before update or delete on om_feed_entries
  for each row execute function om_feed_entry_close_only();
`,
  },
];
