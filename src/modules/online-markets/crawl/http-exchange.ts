import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import zlib from 'node:zlib';
import { blockedReason, BlockedAddressError, guardedLookup, type Resolver } from './address-guard.ts';
import type { CaptureExchange, FetchErrorCode } from './contract.ts';

/** Limits of one request; `deadline` (epoch ms) is shared by every hop of a capture. */
export type ExchangeLimits = {
  maxBytes: number;
  deadline: number;
  connectTimeoutMs: number;
  allowPrivate: boolean;
  resolver: Resolver;
  isAllowedType: (mediaType: string) => boolean;
};

export type ExchangeResult = {
  exchange: CaptureExchange;
  /** The body after Content-Encoding was undone (empty for redirects and errors). */
  decoded: Buffer;
  error: { code: FetchErrorCode; message: string } | null;
};

const USER_AGENT = 'TartipCrawler/0.1 (+crime prevention commission of Kazakhstan; evidence capture)';
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECT_BODY = 64 * 1024;
// a page that inflates more than this many times over is a bomb, whatever its size
const MAX_RATIO = 1000;
const RATIO_FLOOR = 256 * 1024;

class FetchFailure extends Error {
  constructor(
    readonly code: FetchErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The media type of a Content-Type header, lower-case without parameters. */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

function decompressorFor(encoding: string): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | null | 'unknown' {
  const e = encoding.trim().toLowerCase();
  if (e === '' || e === 'identity') return null;
  if (e === 'gzip' || e === 'x-gzip') return zlib.createGunzip();
  if (e === 'deflate') return zlib.createInflate();
  if (e === 'br') return zlib.createBrotliDecompress();
  return 'unknown';
}

function flatHeaders(h: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function failureOf(err: unknown): { code: FetchErrorCode; message: string } {
  if (err instanceof FetchFailure) return { code: err.code, message: err.message };
  if (err instanceof BlockedAddressError) return { code: 'blocked_address', message: err.message };
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'ENOTFOUND' || e?.code === 'EAI_AGAIN' || e?.code === 'ENODATA')
    return { code: 'dns_failed', message: `Name not resolved: ${e.message}` };
  return { code: 'connection_failed', message: `${e?.code ?? 'error'}: ${e?.message ?? String(err)}` };
}

/**
 * One GET with every limit: the guarded lookup (the socket connects only to checked addresses, and
 * the connected address is checked again), a connect timeout, the capture's overall deadline (slow
 * servers and slow-loris bodies end there), a content-type allow list, and a byte limit counted both
 * on the wire and after decompression. Never throws: failures come back in `error`.
 */
export function exchangeOnce(url: URL, limits: ExchangeLimits): Promise<ExchangeResult> {
  const started = new Date();
  const requestHeaders: Record<string, string> = {
    host: url.host,
    'user-agent': USER_AGENT,
    accept: 'text/html,application/xhtml+xml,text/plain;q=0.9,image/*;q=0.5',
    'accept-encoding': 'gzip, deflate, br',
    'accept-language': 'ru,kk;q=0.9,en;q=0.8',
    connection: 'close',
  };
  const exchange: CaptureExchange = {
    url: url.toString(),
    status: 0,
    headers: {},
    resolvedIps: [],
    body: Buffer.alloc(0),
    retrievedAt: started,
    ipAddress: null,
    requestHeaders,
    rawHeaders: [],
    truncated: false,
  };
  return new Promise<ExchangeResult>((resolve) => {
    let settled = false;
    let decoded: Buffer[] = [];
    let req: http.ClientRequest | null = null;
    let inflater: zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | null = null;
    const raw: Buffer[] = [];
    const timers: NodeJS.Timeout[] = [];
    const finish = (error: { code: FetchErrorCode; message: string } | null) => {
      if (settled) return;
      settled = true;
      for (const t of timers) clearTimeout(t);
      req?.destroy();
      inflater?.destroy();
      // what was received stays in the record (WARC-Truncated) even when the exchange failed
      if (exchange.body.length === 0 && raw.length > 0) exchange.body = Buffer.concat(raw);
      if (error && raw.length > 0) exchange.truncated = true;
      if (error) decoded = [];
      resolve({ exchange, decoded: Buffer.concat(decoded), error });
    };
    const fail = (err: unknown) => finish(failureOf(err));
    const remaining = limits.deadline - Date.now();
    if (remaining <= 0) return finish({ code: 'timeout', message: 'Time limit reached before the request' });
    timers.push(setTimeout(() => fail(new FetchFailure('timeout', `No complete answer within the time limit (${url.host})`)), remaining));

    const lookup = guardedLookup(limits.resolver, limits.allowPrivate, (ips) => {
      exchange.resolvedIps = ips;
    });
    const mod = url.protocol === 'https:' ? https : http;
    try {
      req = mod.request(url, { method: 'GET', headers: requestHeaders, lookup, agent: false });
    } catch (err) {
      return fail(err);
    }
    req.on('error', fail);
    req.on('socket', (socket: Socket) => {
      const connectTimer = setTimeout(
        () => fail(new FetchFailure('timeout', `Could not connect within ${limits.connectTimeoutMs} ms`)),
        limits.connectTimeoutMs,
      );
      timers.push(connectTimer);
      socket.once('connect', () => {
        clearTimeout(connectTimer);
        const ip = socket.remoteAddress ?? '';
        exchange.ipAddress = ip;
        // literal IP hosts (test servers) skip the lookup: record the address connected to
        if (exchange.resolvedIps.length === 0) exchange.resolvedIps = [ip];
        // defence in depth: the address actually connected to must pass the same check
        const why = limits.allowPrivate ? null : blockedReason(ip);
        if (why) fail(new BlockedAddressError(`Connected address ${ip} is refused (${why})`));
      });
    });
    req.on('response', (res) => {
      exchange.status = res.statusCode ?? 0;
      exchange.headers = flatHeaders(res.headers);
      exchange.rawHeaders = res.rawHeaders;
      let rawBytes = 0;
      const isRedirect = REDIRECT_STATUSES.has(exchange.status) && typeof res.headers.location === 'string';
      const mediaType = mediaTypeOf(res.headers['content-type']);
      if (!isRedirect && !limits.isAllowedType(mediaType)) {
        return finish({ code: 'unsupported_content_type', message: `Content type ${mediaType || '(none)'} is not fetched` });
      }
      const declared = Number(res.headers['content-length']);
      if (!isRedirect && Number.isFinite(declared) && declared > limits.maxBytes) {
        return finish({ code: 'too_large', message: `Declared size ${declared} bytes exceeds the limit of ${limits.maxBytes}` });
      }
      const rawLimit = isRedirect ? MAX_REDIRECT_BODY : limits.maxBytes;
      const chosen = isRedirect ? null : decompressorFor(String(res.headers['content-encoding'] ?? ''));
      if (chosen === 'unknown') {
        return finish({
          code: 'unsupported_content_type',
          message: `Content encoding ${res.headers['content-encoding']} is not supported`,
        });
      }
      inflater = chosen;
      let decodedBytes = 0;
      const onDecoded = (chunk: Buffer) => {
        if (settled) return;
        decodedBytes += chunk.length;
        if (decodedBytes > limits.maxBytes) {
          return fail(
            inflater
              ? new FetchFailure('decompression_bomb', `Body inflates beyond ${limits.maxBytes} bytes (${rawBytes} bytes on the wire)`)
              : new FetchFailure('too_large', `Body exceeds the limit of ${limits.maxBytes} bytes`),
          );
        }
        if (inflater && decodedBytes > RATIO_FLOOR && decodedBytes > rawBytes * MAX_RATIO) {
          return fail(new FetchFailure('decompression_bomb', `Compression ratio over ${MAX_RATIO}:1`));
        }
        decoded.push(chunk);
      };
      if (inflater) {
        inflater.on('data', onDecoded);
        inflater.on('error', (e) => fail(new FetchFailure('http_error', `Body could not be decoded (${e.message})`)));
        inflater.on('end', () => finish(null));
      }
      res.on('data', (chunk: Buffer) => {
        if (settled) return;
        rawBytes += chunk.length;
        if (rawBytes > rawLimit) {
          if (isRedirect) {
            exchange.truncated = true;
            return finish(null);
          }
          return fail(new FetchFailure('too_large', `Body exceeds the limit of ${limits.maxBytes} bytes`));
        }
        raw.push(chunk);
        if (inflater) inflater.write(chunk);
        else if (!isRedirect) onDecoded(chunk);
      });
      res.on('end', () => {
        if (settled) return;
        if (inflater) inflater.end();
        else finish(null);
      });
      res.on('error', fail);
    });
    req.end();
  });
}
