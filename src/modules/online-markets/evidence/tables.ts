import type { ColumnType, Selectable } from 'kysely';

type Ts = ColumnType<Date, Date | string | undefined, Date | string>;

export type EvidenceKind = 'capture' | 'warc' | 'screenshot' | 'photo';

export interface OmEvidenceTable {
  id: ColumnType<string, string | undefined, never>;
  resource_id: string;
  capture_id: string;
  kind: EvidenceKind;
  url: string | null;
  retrieved_at: Ts;
  http_status: number | null;
  headers: ColumnType<Record<string, string>, string | undefined, never>;
  resolved_ips: ColumnType<string[], string[] | undefined, never>;
  content_type: string;
  size: number;
  sha256: string;
  content: ColumnType<Uint8Array, Buffer, never>;
  captured_by: string;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export type EvidenceRow = Selectable<OmEvidenceTable>;
export type EvidenceMeta = Omit<EvidenceRow, 'content'>;

declare module '../../../kernel/db/schema.ts' {
  interface Database {
    om_evidence: OmEvidenceTable;
  }
}
