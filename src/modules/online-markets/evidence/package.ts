import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { artefactFileName, presentArtefact } from './presenter.ts';
import type { EvidenceRow } from './tables.ts';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const VERSION = (JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
export const GENERATOR = `tartip-evidence/${VERSION}`;

const README = `Tartip evidence package
=======================

manifest.json    the resource, every artefact with its SHA-256, retrieval time, HTTP status, headers
                 and resolved IP addresses, the generator version, the export time and the exporter
manifest.sha256  SHA-256 of manifest.json and of every artefact file (sha256sum format)
artefacts/       the artefacts exactly as stored when they were captured:
                 *.warc  raw HTTP exchanges (WARC/1.1; request and response records, redirects included)
                 *.png   screenshot rendered from the captured page
                 *.json  capture metadata (headers, IPs, hashes of every exchange body)
                 *.jpg / *.png (kind "photo")  photo sent by a citizen

To verify (Linux/macOS; Windows: certutil -hashfile <file> SHA256):
  unzip evidence-package.zip -d package && cd package && sha256sum -c manifest.sha256
Every line must end in "OK". The sha256 values in manifest.json are those recorded in the evidence
store at capture time (the store refuses any change); the exporter's audit-trail entry records the
SHA-256 of manifest.json, so the package can also be matched to the export that produced it.
`;

type ResourceInfo = { id: string; kind: string; locator: string; telegram_id: string | null; title: string | null; status: string };

/** A court package: manifest.json, manifest.sha256 (sha256sum -c), README.txt and the artefacts. */
export function buildPackage(resource: ResourceInfo, rows: EvidenceRow[], exporter: string, exportedAt: Date) {
  const files: Zippable = {};
  const sums: string[] = [];
  const artefacts = rows.map((r) => {
    const content = Buffer.from(r.content);
    const actual = sha256(content);
    // stored bytes must still match the hash recorded at capture time; a mismatch is never exported silently
    if (actual !== r.sha256) throw new Error(`Evidence ${r.id} does not match its recorded SHA-256`);
    const file = `artefacts/${artefactFileName(r)}`;
    files[file] = [content, { mtime: exportedAt }];
    sums.push(`${actual}  ${file}`);
    const { resourceId: _r, ...meta } = presentArtefact(r);
    return { file, ...meta };
  });
  const manifest = {
    format: 'tartip-evidence-package/1',
    generator: GENERATOR,
    exportedAt: exportedAt.toISOString(),
    exporter,
    resource: {
      id: resource.id,
      kind: resource.kind,
      locator: resource.locator,
      telegramId: resource.telegram_id === null ? null : String(resource.telegram_id),
      title: resource.title,
      status: resource.status,
    },
    hashAlgorithm: 'SHA-256',
    artefacts,
  };
  const manifestBytes = strToU8(JSON.stringify(manifest, null, 2) + '\n');
  const manifestSha256 = sha256(manifestBytes);
  files['manifest.json'] = [manifestBytes, { mtime: exportedAt }];
  files['manifest.sha256'] = [strToU8([`${manifestSha256}  manifest.json`, ...sums].join('\n') + '\n'), { mtime: exportedAt }];
  files['README.txt'] = [strToU8(README), { mtime: exportedAt }];
  const zip = Buffer.from(zipSync(files, { level: 6 }));
  return { zip, manifestSha256, packageSha256: sha256(zip), artefactCount: artefacts.length };
}
