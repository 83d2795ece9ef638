import type { Migration } from '../../kernel/db/migrator.ts';

export const referenceMigrations: Migration[] = [
  {
    id: '0001_regions_legal',
    sql: `
create table regions (
  code text primary key,
  kato text not null unique,
  kind text not null check (kind in ('city', 'region')),
  name_kk text not null,
  name_ru text not null,
  name_en text not null,
  admin_centre text
);
create table legal_references (
  code text primary key,
  law text not null,
  article text,
  wording_kk text not null,
  wording_ru text not null,
  wording_en text not null,
  valid_from date not null,
  valid_to date,
  check (valid_to is null or valid_to >= valid_from)
);
`,
  },
];
