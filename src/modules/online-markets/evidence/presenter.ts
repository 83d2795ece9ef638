import type { EvidenceMeta } from './tables.ts';

const iso = (d: Date | string) => new Date(d).toISOString();

/** An artefact's metadata as the API shows it (never its bytes). */
export function presentArtefact(r: EvidenceMeta) {
  return {
    id: r.id,
    resourceId: r.resource_id,
    captureId: r.capture_id,
    kind: r.kind,
    url: r.url,
    retrievedAt: iso(r.retrieved_at),
    httpStatus: r.http_status,
    headers: r.headers,
    resolvedIps: r.resolved_ips,
    contentType: r.content_type,
    size: r.size,
    sha256: r.sha256,
    capturedBy: r.captured_by,
    createdAt: iso(r.created_at),
  };
}

const EXTENSIONS: Record<string, string> = {
  'application/json': 'json',
  'application/warc': 'warc',
  'image/png': 'png',
  'image/jpeg': 'jpg',
};

/** The artefact's file name inside a package and in Content-Disposition: date, kind, short id. */
export function artefactFileName(r: Pick<EvidenceMeta, 'id' | 'kind' | 'retrieved_at' | 'content_type'>): string {
  const stamp = iso(r.retrieved_at)
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
  return `${stamp}_${r.kind}_${r.id.slice(0, 8)}.${EXTENSIONS[r.content_type] ?? 'bin'}`;
}
