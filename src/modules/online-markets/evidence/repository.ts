import type { Executor, Tx } from '../../../kernel/db/database.ts';
import type { EvidenceKind, EvidenceMeta, EvidenceRow } from './tables.ts';
import './tables.ts';

/** One artefact to store; its SHA-256 and size are computed here from the bytes. */
export type NewArtefact = {
  id: string;
  resourceId: string;
  captureId: string;
  kind: EvidenceKind;
  url: string | null;
  retrievedAt: Date;
  httpStatus: number | null;
  headers: Record<string, string>;
  resolvedIps: string[];
  contentType: string;
  content: Buffer;
  sha256: string;
  capturedBy: string;
};

const META_COLUMNS = [
  'id',
  'resource_id',
  'capture_id',
  'kind',
  'url',
  'retrieved_at',
  'http_status',
  'headers',
  'resolved_ips',
  'content_type',
  'size',
  'sha256',
  'captured_by',
  'created_at',
] as const;

/** Inserts artefacts in the caller's transaction. */
export async function insertArtefacts(tx: Tx, artefacts: NewArtefact[]): Promise<void> {
  if (artefacts.length === 0) return;
  await tx
    .insertInto('om_evidence')
    .values(
      artefacts.map((a) => ({
        id: a.id,
        resource_id: a.resourceId,
        capture_id: a.captureId,
        kind: a.kind,
        url: a.url,
        retrieved_at: a.retrievedAt,
        http_status: a.httpStatus,
        headers: JSON.stringify(a.headers),
        resolved_ips: a.resolvedIps,
        content_type: a.contentType,
        size: a.content.length,
        sha256: a.sha256,
        content: a.content,
        captured_by: a.capturedBy,
      })),
    )
    .execute();
}

/** The resource evidence belongs to (national records: no region scope), or undefined. */
export function findResource(db: Executor, id: string) {
  return db
    .selectFrom('om_resources')
    .select(['id', 'kind', 'locator', 'telegram_id', 'title', 'status', 'label', 'score', 'first_seen_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Metadata of a resource's artefacts, oldest capture first (no content). */
export function listArtefacts(db: Executor, resourceId: string): Promise<EvidenceMeta[]> {
  return db
    .selectFrom('om_evidence')
    .select(META_COLUMNS)
    .where('resource_id', '=', resourceId)
    .orderBy('retrieved_at')
    .orderBy('created_at')
    .orderBy('kind')
    .execute();
}

/** One artefact with its bytes. */
export function getArtefact(db: Executor, id: string): Promise<EvidenceRow | undefined> {
  return db.selectFrom('om_evidence').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every artefact of a resource with its bytes (for the court package). */
export function artefactsWithContent(db: Executor, resourceId: string): Promise<EvidenceRow[]> {
  return db
    .selectFrom('om_evidence')
    .selectAll()
    .where('resource_id', '=', resourceId)
    .orderBy('retrieved_at')
    .orderBy('created_at')
    .orderBy('kind')
    .execute();
}
