import type { ColumnType, Generated, Selectable } from 'kysely';

/** The kinds of resource the feed lists (text-only ads have nothing to block). */
export type FeedEntryKind = 'domain' | 'url' | 'telegram';

export interface OmFeedVersionsTable {
  version: number;
  previous_version: number | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  entry_count: number;
  added_count: number;
  removed_count: number;
  key_id: string;
}

export interface OmFeedSignaturesTable {
  version: number;
  format: string;
  sha256: string;
  signature: string;
  bytes: number;
}

export interface OmFeedEntriesTable {
  id: Generated<string>;
  resource_id: string;
  decision_id: string | null;
  kind: FeedEntryKind;
  value: string;
  legal_basis: string;
  decision_number: string;
  decision_date: ColumnType<string, string, string>;
  decision_body: string;
  added_in_version: number;
  removed_in_version: number | null;
}

declare module '../../../kernel/db/schema.ts' {
  interface Database {
    om_feed_versions: OmFeedVersionsTable;
    om_feed_signatures: OmFeedSignaturesTable;
    om_feed_entries: OmFeedEntriesTable;
  }
}

export type FeedVersionRow = Selectable<OmFeedVersionsTable>;
export type FeedEntryRow = Selectable<OmFeedEntriesTable>;
