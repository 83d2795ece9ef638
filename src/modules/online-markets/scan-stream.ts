import { isUtf8 } from 'node:buffer';
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import v8 from 'node:v8';
import vm from 'node:vm';
import { MAX_TEXT_CHARS, type ScanDocument, type ScanError, type Scanner, type ScanResult } from './scan.ts';

/**
 * JSONL in, JSONL out: one output line per non-empty input line, in order. A bad line (invalid
 * JSON or UTF-8, binary data, over the size limit, missing or mistyped fields) becomes an error
 * line naming its line number and the batch goes on. Reads by chunks and writes with backpressure,
 * so memory stays flat however long the input.
 */

/** Longest accepted input line in bytes (1 MiB of text plus room for the JSON around it). */
export const MAX_LINE_BYTES = MAX_TEXT_CHARS + 4096;
// Output is written in chunks of about this many characters. Kept under 64 Ki: a chunk is one string
// (of two-byte characters, with Cyrillic text), and strings over 128 KiB go to V8's large-object
// space, which only a full collection frees, so that 64 Ki-character chunks cost several times more.
const OUT_CHUNK = 32 * 1024;

export type StreamStats = { lines: number; documents: number; errors: number };

/**
 * `fullGcEvery`: documents between two full garbage collections (0: never). Scanning allocates
 * fast and keeps little (tens of MB of caches), and V8 answers the allocation rate by growing its
 * heap, so without them the resident size creeps up over millions of documents; one full
 * collection per 100,000 documents (tens of ms) keeps it flat. `tartip scan` uses SCAN_FULL_GC_EVERY.
 */
export type ScanStreamOptions = { fullGcEvery?: number };
export const SCAN_FULL_GC_EVERY = 100_000;

let fullGc: (() => void) | null = null;
/** A full collection (the `gc` that --expose-gc gives, obtained at run time). */
function collectFully(): void {
  if (!fullGc) {
    v8.setFlagsFromString('--expose-gc');
    fullGc = vm.runInNewContext('gc') as () => void;
  }
  fullGc();
}

function idFromPrefix(head: Buffer): string | null {
  const m = /"id"\s*:\s*"((?:[^"\\]|\\.){1,200})"/.exec(head.toString('utf8'));
  if (!m) return null;
  try {
    return JSON.parse(`"${m[1]}"`) as string;
  } catch {
    return null;
  }
}

// Code units of the line being decoded (reused; a view of the same memory as a Buffer to read them out).
let units = new Uint16Array(1 << 15);
let unitBytes = Buffer.from(units.buffer);

/**
 * The text of a line already checked to be valid UTF-8, the same string as `line.toString('utf8')`
 * gives, in about half its time for Cyrillic text: the code units are decoded here and read out as
 * UTF-16 (a copy). Pure ASCII goes through latin1 (a copy too).
 */
function decodeUtf8(line: Buffer): string {
  const n = line.length;
  if (units.length < n) {
    units = new Uint16Array(Math.max(n, 2 * units.length));
    unitBytes = Buffer.from(units.buffer);
  }
  const u = units;
  let j = 0;
  let high = 0;
  for (let i = 0; i < n;) {
    const c = line[i]!;
    high |= c;
    if (c < 0x80) {
      u[j++] = c;
      i++;
    } else if (c < 0xe0) {
      u[j++] = ((c & 0x1f) << 6) | (line[i + 1]! & 0x3f);
      i += 2;
    } else if (c < 0xf0) {
      u[j++] = ((c & 0x0f) << 12) | ((line[i + 1]! & 0x3f) << 6) | (line[i + 2]! & 0x3f);
      i += 3;
    } else {
      const cp = (((c & 0x07) << 18) | ((line[i + 1]! & 0x3f) << 12) | ((line[i + 2]! & 0x3f) << 6) | (line[i + 3]! & 0x3f)) - 0x10000;
      u[j++] = 0xd800 + (cp >> 10);
      u[j++] = 0xdc00 + (cp & 0x3ff);
      i += 4;
    }
  }
  return high < 0x80 ? line.toString('latin1') : unitBytes.toString('utf16le', 0, 2 * j);
}

const isId = (v: unknown): v is string | number => (typeof v === 'string' && v.length > 0) || (typeof v === 'number' && Number.isFinite(v));

/** The error for a mistyped or oversized document field, or null. */
function fieldError(at: string, field: string, v: unknown): string | null {
  if (v !== undefined && v !== null && typeof v !== 'string') return `${at}: "${field}" must be a string`;
  if (typeof v === 'string' && v.length > MAX_TEXT_CHARS) return `${at}: "${field}" is over the ${MAX_TEXT_CHARS}-character limit`;
  return null;
}

/** Turns one input line into a result or an error; never throws. */
export function scanLine(scanner: Scanner, line: Buffer, lineNo: number): ScanResult | ScanError {
  const at = `line ${lineNo}`;
  if (line.length > MAX_LINE_BYTES) {
    return {
      id: idFromPrefix(line.subarray(0, 4096)),
      error: `${at}: line is ${line.length} bytes, over the ${MAX_LINE_BYTES}-byte limit`,
    };
  }
  if (line.includes(0)) return { id: idFromPrefix(line), error: `${at}: binary data (NUL bytes), not a JSON line` };
  // validate first (one fast native pass), then decode: cheaper than a fatal TextDecoder
  if (!isUtf8(line)) return { id: idFromPrefix(line), error: `${at}: invalid UTF-8` };
  const text = decodeUtf8(line);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { id: null, error: `${at}: invalid JSON (${(e as Error).message.slice(0, 120)})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { id: null, error: `${at}: expected a JSON object` };
  const obj = value as Record<string, unknown>;
  const id = isId(obj.id) ? obj.id : null;
  if (id === null) return { id: null, error: `${at}: missing "id" (a non-empty string)` };
  // (each field read by name: a read by a computed key is a slow, generic look-up)
  const docText = obj.text;
  const url = obj.url;
  const html = obj.html;
  const bad = fieldError(at, 'text', docText) ?? fieldError(at, 'url', url) ?? fieldError(at, 'html', html);
  if (bad !== null) return { id, error: bad };
  const doc: ScanDocument = { id };
  if (typeof docText === 'string') doc.text = docText;
  if (typeof url === 'string') doc.url = url;
  if (typeof html === 'string') doc.html = html;
  if (doc.text === undefined && doc.url === undefined && doc.html === undefined)
    return { id, error: `${at}: missing "text" (or "url" / "html")` };
  try {
    return scanner.scan(doc);
  } catch (e) {
    return { id, error: `${at}: could not be scanned (${(e as Error).message})` };
  }
}

/** Scans a JSONL stream into another; resolves with counts when the input ends. */
export async function scanStream(
  scanner: Scanner,
  input: Readable,
  output: Writable,
  options: ScanStreamOptions = {},
): Promise<StreamStats> {
  const stats: StreamStats = { lines: 0, documents: 0, errors: 0 };
  const gcEvery = options.fullGcEvery ?? 0;
  let nextGc = gcEvery;
  let parts: Buffer[] = [];
  let partBytes = 0;
  let oversize = 0; // bytes of the current line when it is over the limit (only its head is kept)
  let out = '';

  const flushOut = async () => {
    if (!out) return;
    const chunk = out;
    out = '';
    if (!output.write(chunk)) await once(output, 'drain');
  };

  const finishLine = (tail: Buffer) => {
    stats.lines++;
    if (oversize) {
      const head = Buffer.concat(parts);
      const size = oversize + tail.length;
      parts = [];
      partBytes = 0;
      oversize = 0;
      const r: ScanError = {
        id: idFromPrefix(head),
        error: `line ${stats.lines}: line is ${size} bytes, over the ${MAX_LINE_BYTES}-byte limit`,
      };
      stats.errors++;
      out += `${JSON.stringify(r)}\n`;
      return;
    }
    const line = parts.length ? Buffer.concat([...parts, tail]) : tail;
    parts = [];
    partBytes = 0;
    let end = line.length;
    if (end > 0 && line[end - 1] === 13) end--;
    let start = 0;
    if (stats.lines === 1 && line[0] === 0xef && line[1] === 0xbb && line[2] === 0xbf) start = 3;
    while (start < end && (line[start] === 32 || line[start] === 9)) start++;
    if (start >= end) return;
    const r = scanLine(scanner, line.subarray(start, end), stats.lines);
    if ('error' in r) stats.errors++;
    else stats.documents++;
    out += `${JSON.stringify(r)}\n`;
  };

  const keep = (piece: Buffer) => {
    if (oversize) {
      oversize += piece.length;
      return;
    }
    if (partBytes + piece.length > MAX_LINE_BYTES) {
      const head = Buffer.concat([...parts, piece]).subarray(0, 4096);
      oversize = partBytes + piece.length;
      parts = [Buffer.from(head)];
      partBytes = head.length;
      return;
    }
    parts.push(Buffer.from(piece));
    partBytes += piece.length;
  };

  for await (const raw of input) {
    const chunk: Buffer = typeof raw === 'string' ? Buffer.from(raw) : (raw as Buffer);
    let pos = 0;
    for (let nl = chunk.indexOf(10, pos); nl !== -1; nl = chunk.indexOf(10, pos)) {
      const piece = chunk.subarray(pos, nl);
      if (oversize) {
        oversize += piece.length;
        finishLine(Buffer.alloc(0));
      } else if (partBytes + piece.length > MAX_LINE_BYTES) {
        keep(piece);
        finishLine(Buffer.alloc(0));
      } else finishLine(piece);
      pos = nl + 1;
      if (out.length >= OUT_CHUNK) await flushOut();
      if (gcEvery > 0 && stats.lines >= nextGc) {
        nextGc = stats.lines + gcEvery;
        collectFully();
      }
    }
    if (pos < chunk.length) keep(chunk.subarray(pos));
  }
  if (partBytes > 0 || oversize) finishLine(Buffer.alloc(0));
  await flushOut();
  return stats;
}
