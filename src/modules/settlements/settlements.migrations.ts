import type { Migration } from '../../kernel/db/migrator.ts';

export const settlementsMigrations: Migration[] = [
  {
    id: '0001_sober_settlements',
    sql: `
create table sober_settlements (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  region_code text not null references regions(code),
  district text not null,
  status text not null check (status in ('candidate', 'pledged', 'certified', 'suspended')),
  population integer not null check (population between 1 and 1000000),
  activists integer not null check (activists >= 0),
  joined_on date not null,
  notes text not null default '',
  version integer not null default 1,
  is_synthetic boolean not null default false,
  created_by text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index sober_settlements_region_idx on sober_settlements (region_code, status);
create index sober_settlements_name_idx on sober_settlements (lower(name));
`,
  },
];
