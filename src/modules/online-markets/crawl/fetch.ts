import { createHash } from 'node:crypto';
import { checkUrl, systemResolver } from './address-guard.ts';
import type { Capture, CaptureExchange, FetchErrorCode, FetchOptions } from './contract.ts';
import { exchangeOnce, mediaTypeOf, type ExchangeLimits } from './http-exchange.ts';
import { declaredCharset, decodeBody, readHtml } from './page.ts';
import { renderScreenshot } from './screenshot.ts';
import { buildWarc } from './warc.ts';

export const CRAWLER_SOFTWARE = 'tartip-crawler/0.1';
const DEFAULTS = { timeoutMs: 20_000, connectTimeoutMs: 5_000, maxBytes: 2 * 1024 * 1024, maxRedirects: 5 };
const FAVICON_MAX_BYTES = 100 * 1024;
const PAGE_TYPES = new Set(['text/html', 'application/xhtml+xml', 'text/plain']);
const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);
const isPageType = (t: string) => PAGE_TYPES.has(t);
const isIconType = (t: string) => t.startsWith('image/') || t === 'application/octet-stream';

type Hop = { error: { code: FetchErrorCode; message: string } | null; exchanges: CaptureExchange[]; decoded: Buffer; finalUrl: string };

/** Follows redirects with loop detection; every hop's URL and address pass the SSRF checks again. */
async function followRedirects(start: URL, limits: ExchangeLimits, maxRedirects: number, allowOrigins: readonly string[]): Promise<Hop> {
  const exchanges: CaptureExchange[] = [];
  const seen = new Set<string>();
  let url = start;
  for (;;) {
    seen.add(url.toString());
    // only an allowed test origin skips the address check, hop by hop
    const r = await exchangeOnce(url, { ...limits, allowPrivate: limits.allowPrivate || allowOrigins.includes(url.origin) });
    exchanges.push(r.exchange);
    if (r.error) return { error: r.error, exchanges, decoded: Buffer.alloc(0), finalUrl: url.toString() };
    const location = r.exchange.headers.location;
    if (![301, 302, 303, 307, 308].includes(r.exchange.status) || !location) {
      return { error: null, exchanges, decoded: r.decoded, finalUrl: url.toString() };
    }
    const next = checkUrl(location, url.toString(), limits.allowPrivate, allowOrigins);
    if (!next.ok)
      return {
        error: { code: next.code, message: `Redirect refused: ${next.message}` },
        exchanges,
        decoded: Buffer.alloc(0),
        finalUrl: url.toString(),
      };
    if (seen.has(next.url.toString()))
      return {
        error: { code: 'redirect_loop', message: `Redirect loop back to ${next.url}` },
        exchanges,
        decoded: Buffer.alloc(0),
        finalUrl: url.toString(),
      };
    if (exchanges.length > maxRedirects)
      return {
        error: { code: 'too_many_redirects', message: `More than ${maxRedirects} redirects` },
        exchanges,
        decoded: Buffer.alloc(0),
        finalUrl: url.toString(),
      };
    url = next.url;
  }
}

/** The favicon through the same guard, tiny size limit, images only; its sha256 clusters mirrors. */
async function fetchFavicon(
  href: string,
  limits: ExchangeLimits,
  allowOrigins: readonly string[],
): Promise<{ sha256: string | null; exchanges: CaptureExchange[] }> {
  const checked = checkUrl(href, undefined, limits.allowPrivate, allowOrigins);
  if (!checked.ok) return { sha256: null, exchanges: [] };
  const hop = await followRedirects(checked.url, { ...limits, maxBytes: FAVICON_MAX_BYTES, isAllowedType: isIconType }, 2, allowOrigins);
  const last = hop.exchanges[hop.exchanges.length - 1];
  if (hop.error || !last || last.status !== 200 || hop.decoded.length === 0) return { sha256: null, exchanges: hop.exchanges };
  return { sha256: createHash('sha256').update(hop.decoded).digest('hex'), exchanges: hop.exchanges };
}

function emptyCapture(url: string, retrievedAt: Date): Capture {
  return {
    requestedUrl: url,
    finalUrl: url,
    retrievedAt,
    ok: false,
    status: null,
    error: null,
    contentType: null,
    headers: {},
    resolvedIps: [],
    body: Buffer.alloc(0),
    text: '',
    title: null,
    links: [],
    faviconSha256: null,
    exchanges: [],
    warc: Buffer.alloc(0),
    screenshotPng: null,
  };
}

/** Fetches a URL with every limit and SSRF check; never throws for network problems (see Capture.error). */
export async function captureUrl(url: string, options: FetchOptions = {}): Promise<Capture> {
  const retrievedAt = new Date();
  try {
    return await captureOnce(url, options, retrievedAt);
  } catch (e) {
    // a bug or an unforeseen input must not stop a batch: it becomes this item's error
    const failed = emptyCapture(url, retrievedAt);
    failed.error = { code: 'connection_failed', message: `Capture failed: ${(e as Error).message}` };
    return failed;
  }
}

async function captureOnce(url: string, options: FetchOptions, retrievedAt: Date): Promise<Capture> {
  const capture = emptyCapture(url, retrievedAt);
  const allowPrivate = options.allowPrivate === true;
  const allowOrigins = options.allowOrigins ?? [];
  const start = checkUrl(url, undefined, allowPrivate, allowOrigins);
  if (!start.ok) {
    capture.error = { code: start.code, message: start.message };
    capture.warc = buildWarc([], CRAWLER_SOFTWARE);
    return capture;
  }
  const resolver = options.lookup ?? systemResolver;
  const limits: ExchangeLimits = {
    maxBytes: options.maxBytes ?? DEFAULTS.maxBytes,
    deadline: Date.now() + (options.timeoutMs ?? DEFAULTS.timeoutMs),
    connectTimeoutMs: options.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs,
    allowPrivate,
    resolver,
    isAllowedType: isPageType,
  };
  const hop = await followRedirects(start.url, limits, options.maxRedirects ?? DEFAULTS.maxRedirects, allowOrigins);
  const last = hop.exchanges[hop.exchanges.length - 1];
  capture.exchanges = hop.exchanges;
  capture.finalUrl = hop.finalUrl;
  capture.status = last && last.status > 0 ? last.status : null;
  capture.headers = last?.headers ?? {};
  capture.contentType = last?.headers['content-type'] ?? null;
  capture.resolvedIps = [...new Set(hop.exchanges.flatMap((e) => e.resolvedIps))];
  capture.error = hop.error;
  if (!hop.error) {
    capture.body = hop.decoded;
    const mediaType = mediaTypeOf(capture.contentType ?? undefined);
    const { text } = decodeBody(hop.decoded, declaredCharset(capture.contentType ?? undefined, hop.decoded));
    const icons: CaptureExchange[] = [];
    if (HTML_TYPES.has(mediaType)) {
      const facts = readHtml(text, hop.finalUrl);
      capture.text = facts.text;
      capture.title = facts.title;
      capture.links = facts.links;
      if (options.favicon !== false) {
        const icon = await fetchFavicon(facts.faviconHref ?? new URL('/favicon.ico', hop.finalUrl).toString(), limits, allowOrigins);
        icons.push(...icon.exchanges);
        capture.faviconSha256 = icon.sha256;
      }
    } else {
      capture.text = text.slice(0, 200_000);
    }
    if (capture.status !== null && capture.status >= 400) {
      capture.error = { code: 'http_error', message: `The server answered HTTP ${capture.status}` };
    }
    if (options.screenshot && HTML_TYPES.has(mediaType)) {
      capture.screenshotPng = await renderScreenshot(hop.finalUrl, hop.decoded, capture.contentType ?? 'text/html');
    }
    capture.warc = buildWarc([...hop.exchanges, ...icons], CRAWLER_SOFTWARE);
  } else {
    capture.warc = buildWarc(hop.exchanges, CRAWLER_SOFTWARE);
  }
  capture.ok = capture.error === null;
  return capture;
}
