import { createHash, randomUUID } from 'node:crypto';
import type { Tx } from '../../../kernel/db/database.ts';
import { AppError } from '../../../kernel/errors.ts';
import type { Capture } from '../crawl/contract.ts';
import { ImageError, inspectImage } from '../crawl/image.ts';
import { insertArtefacts, type NewArtefact } from './repository.ts';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const TEXT_SAMPLE = 20_000;

/** The JSON metadata artefact of a capture: everything but the bytes, with the hash of each exchange body. */
export function captureMetadata(capture: Capture, hashes: { warc: string; screenshot: string | null }) {
  return {
    requestedUrl: capture.requestedUrl,
    finalUrl: capture.finalUrl,
    retrievedAt: capture.retrievedAt.toISOString(),
    ok: capture.ok,
    status: capture.status,
    error: capture.error,
    contentType: capture.contentType,
    headers: capture.headers,
    resolvedIps: capture.resolvedIps,
    title: capture.title,
    text: capture.text.slice(0, TEXT_SAMPLE),
    links: capture.links,
    faviconSha256: capture.faviconSha256,
    bodySha256: sha256(capture.body),
    exchanges: capture.exchanges.map((e) => ({
      url: e.url,
      status: e.status,
      retrievedAt: e.retrievedAt.toISOString(),
      ipAddress: e.ipAddress,
      resolvedIps: e.resolvedIps,
      headers: e.headers,
      bodySize: e.body.length,
      bodySha256: sha256(e.body),
      truncated: e.truncated,
    })),
    warcSha256: hashes.warc,
    screenshotSha256: hashes.screenshot,
  };
}

/** Stores a capture (WARC, screenshot, headers, IPs, hashes) as immutable evidence of a resource; returns its id. */
export async function storeCapture(tx: Tx, resourceId: string, capture: Capture, capturedBy: string): Promise<string> {
  const captureId = randomUUID();
  const common = {
    resourceId,
    captureId,
    url: capture.finalUrl,
    retrievedAt: capture.retrievedAt,
    httpStatus: capture.status,
    headers: capture.headers,
    resolvedIps: capture.resolvedIps,
    capturedBy,
  };
  const warcHash = sha256(capture.warc);
  const shotHash = capture.screenshotPng ? sha256(capture.screenshotPng) : null;
  const meta = Buffer.from(JSON.stringify(captureMetadata(capture, { warc: warcHash, screenshot: shotHash }), null, 2), 'utf8');
  const artefacts: NewArtefact[] = [
    { ...common, id: captureId, kind: 'capture', contentType: 'application/json', content: meta, sha256: sha256(meta) },
    { ...common, id: randomUUID(), kind: 'warc', contentType: 'application/warc', content: capture.warc, sha256: warcHash },
  ];
  if (capture.screenshotPng && shotHash) {
    artefacts.push({
      ...common,
      id: randomUUID(),
      kind: 'screenshot',
      contentType: 'image/png',
      content: capture.screenshotPng,
      sha256: shotHash,
    });
  }
  await insertArtefacts(tx, artefacts);
  return captureId;
}

/** Stores a citizen's photo as evidence of a resource; returns its id. */
export async function storePhoto(tx: Tx, resourceId: string, photo: Buffer, contentType: string, capturedBy: string): Promise<string> {
  let format: 'png' | 'jpeg';
  try {
    format = inspectImage(photo).format;
  } catch (e) {
    const message = e instanceof ImageError ? e.message : 'Unreadable image';
    throw new AppError('unsupported_media_type', message);
  }
  const declared = contentType.split(';')[0]!.trim().toLowerCase();
  const actual = format === 'png' ? 'image/png' : 'image/jpeg';
  if (declared !== actual && !(declared === 'image/jpg' && actual === 'image/jpeg'))
    throw new AppError('unsupported_media_type', `The file is ${actual} but was sent as ${declared || '(none)'}`);
  const id = randomUUID();
  await insertArtefacts(tx, [
    {
      id,
      resourceId,
      captureId: id,
      kind: 'photo',
      url: null,
      retrievedAt: new Date(),
      httpStatus: null,
      headers: {},
      resolvedIps: [],
      contentType: actual,
      content: photo,
      sha256: sha256(photo),
      capturedBy,
    },
  ]);
  return id;
}
