import { createHash, randomUUID } from 'node:crypto';
import type { CaptureExchange } from './contract.ts';

/**
 * WARC/1.1 (ISO 28500:2017) written directly: a warcinfo record, then a request and a response record
 * per exchange (redirect hops and the favicon included). Digests are `sha256:<hex>`; the response
 * payload is stored as received (Content-Encoding kept), so its digest matches the wire bytes.
 * Written directly (a few lines, synchronous, no stream plumbing); the tests read them back with warcio.
 */

const CRLF = '\r\n';

const sha256 = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

const newId = () => `<urn:uuid:${randomUUID()}>`;

function record(fields: [string, string][], block: Buffer, id = newId()): Buffer {
  const all: [string, string][] = [
    ['WARC-Record-ID', id],
    ...fields,
    ['WARC-Block-Digest', sha256(block)],
    ['Content-Length', String(block.length)],
  ];
  // header values never carry line breaks (they come from URLs and our own fields)
  const head = `WARC/1.1${CRLF}${all.map(([k, v]) => `${k}: ${v.replace(/[\r\n]+/g, ' ')}`).join(CRLF)}${CRLF}${CRLF}`;
  return Buffer.concat([Buffer.from(head, 'utf8'), block, Buffer.from(CRLF + CRLF)]);
}

function httpHead(startLine: string, headers: [string, string][]): string {
  return `${startLine}${CRLF}${headers.map(([k, v]) => `${k}: ${v.replace(/[\r\n]+/g, ' ')}`).join(CRLF)}${CRLF}${CRLF}`;
}

function pairs(raw: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i]!, raw[i + 1]!]);
  return out;
}

/** The WARC/1.1 file of a capture's exchanges (`software` names the generator in warcinfo). */
export function buildWarc(exchanges: CaptureExchange[], software: string): Buffer {
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const info = Buffer.from(
    [
      `software: ${software}`,
      'format: WARC File Format 1.1',
      'conformsTo: https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/',
      'robots: ignore',
      'description: Evidence capture of a suspected online drug market (Tartip)',
    ].join(CRLF) + CRLF,
    'utf8',
  );
  // the warcinfo record id is referenced by every other record
  const infoId = newId();
  const parts: Buffer[] = [
    record(
      [
        ['WARC-Type', 'warcinfo'],
        ['WARC-Date', now],
        ['WARC-Filename', 'capture.warc'],
        ['Content-Type', 'application/warc-fields'],
      ],
      info,
      infoId,
    ),
  ];
  for (const ex of exchanges) {
    const url = new URL(ex.url);
    const date = ex.retrievedAt.toISOString().replace(/\.\d{3}Z$/, 'Z');
    const requestBlock = Buffer.from(httpHead(`GET ${url.pathname}${url.search} HTTP/1.1`, Object.entries(ex.requestHeaders)), 'utf8');
    const requestId = newId();
    const common: [string, string][] = [
      ['WARC-Date', date],
      ['WARC-Target-URI', ex.url],
      ['WARC-Warcinfo-ID', infoId],
    ];
    if (ex.ipAddress) common.push(['WARC-IP-Address', ex.ipAddress]);
    parts.push(
      record([['WARC-Type', 'request'], ...common, ['Content-Type', 'application/http;msgtype=request']], requestBlock, requestId),
    );
    if (ex.status === 0) continue;
    const respHead = Buffer.from(httpHead(`HTTP/1.1 ${ex.status}`, pairs(ex.rawHeaders)), 'utf8');
    const fields: [string, string][] = [
      ['WARC-Type', 'response'],
      ...common,
      ['WARC-Concurrent-To', requestId],
      ['WARC-Payload-Digest', sha256(ex.body)],
      ['Content-Type', 'application/http;msgtype=response'],
    ];
    if (ex.truncated) fields.push(['WARC-Truncated', 'length']);
    parts.push(record(fields, Buffer.concat([respHead, ex.body])));
  }
  return Buffer.concat(parts);
}
