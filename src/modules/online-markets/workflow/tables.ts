import type { ColumnType, Generated, Selectable } from 'kysely';

// optional on insert (the database defaults it), a Date when selected
type Ts = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string | undefined, string>;

export type ResourceKind = 'domain' | 'url' | 'telegram' | 'text';
export type ResourceStatus = 'detected' | 'in_review' | 'dismissed' | 'approved' | 'published' | 'blocked' | 'reachable' | 'restored';
export type ResourceLabel = 'drug_ad' | 'drug_recruitment' | 'benign';
export type SubmissionSource = 'analyst' | 'citizen' | 'crawler' | 'partner' | 'recheck';
export type SubmissionInputKind = 'text' | 'url' | 'telegram' | 'photo' | 'html';
export type IndicatorRowType = 'telegram' | 'url' | 'domain' | 'phone' | 'card' | 'crypto' | 'email' | 'substance';

export interface OmShopsTable {
  id: Generated<string>;
  code: string;
  name: string;
  status: Generated<'active' | 'blocked' | 'dormant'>;
  first_seen_at: Ts;
  last_seen_at: Ts;
  merged_into: string | null;
  version: Generated<number>;
  created_at: Ts;
  updated_at: Ts;
}

export interface OmResourcesTable {
  id: Generated<string>;
  kind: ResourceKind;
  locator: string;
  telegram_id: ColumnType<string | null, string | number | bigint | null | undefined, string | number | bigint | null>;
  title: string | null;
  text_sample: string | null;
  label: ResourceLabel | null;
  score: number | null;
  reasons: Json<string[]>;
  status: Generated<ResourceStatus>;
  shop_id: string | null;
  is_mirror: Generated<boolean>;
  simhash: ColumnType<string | null, string | bigint | null | undefined, string | bigint | null>;
  simhash_b0: number | null;
  simhash_b1: number | null;
  simhash_b2: number | null;
  simhash_b3: number | null;
  favicon_sha256: string | null;
  region_code: string | null;
  source_count: Generated<number>;
  first_seen_at: Ts;
  last_seen_at: Ts;
  status_changed_at: Ts;
  approved_at: Ts | null;
  published_at: Ts | null;
  verified_at: Ts | null;
  next_check_at: Ts | null;
  crawl_depth: Generated<number>;
  captured_at: Ts | null;
  capture_error: string | null;
  capture_attempts: Generated<number>;
  version: Generated<number>;
  created_at: Ts;
  updated_at: Ts;
}

export interface OmSubmissionsTable {
  id: Generated<string>;
  source: SubmissionSource;
  external_id: string | null;
  submitted_by: string | null;
  organisation_code: string | null;
  input_kind: SubmissionInputKind;
  input: string;
  ocr_text: string | null;
  latitude: number | null;
  longitude: number | null;
  region_code: string | null;
  resource_id: string | null;
  outcome: 'new' | 'duplicate' | 'rejected' | 'pending';
  error: string | null;
  created_at: Ts;
}

export interface OmIndicatorsTable {
  id: Generated<string>;
  resource_id: string;
  type: IndicatorRowType;
  value: string;
  last4: string | null;
  created_at: Ts;
}

export interface OmDecisionsTable {
  id: Generated<string>;
  resource_id: string;
  action: 'approve' | 'restore';
  legal_basis: string;
  decision_number: string;
  decision_date: ColumnType<string, string, string>;
  decision_body: string;
  reason: string;
  decided_by: string;
  decided_at: Ts;
}

export interface OmChecksTable {
  id: Generated<string>;
  resource_id: string;
  checked_at: Ts;
  reachable: boolean;
  http_status: number | null;
  error: string | null;
  evidence_id: string | null;
}

export interface OmEventsTable {
  id: Generated<string>;
  resource_id: string | null;
  shop_id: string | null;
  kind: string;
  from_status: string | null;
  to_status: string | null;
  actor: string;
  detail: Json<Record<string, unknown>>;
  at: Ts;
}

declare module '../../../kernel/db/schema.ts' {
  interface Database {
    om_shops: OmShopsTable;
    om_resources: OmResourcesTable;
    om_submissions: OmSubmissionsTable;
    om_indicators: OmIndicatorsTable;
    om_decisions: OmDecisionsTable;
    om_checks: OmChecksTable;
    om_events: OmEventsTable;
  }
}

export type ResourceRow = Selectable<OmResourcesTable>;
export type ShopRow = Selectable<OmShopsTable>;
