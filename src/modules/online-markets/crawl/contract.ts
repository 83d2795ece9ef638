/**
 * What the crawler hands to the rest of the module. Implemented in crawl/fetch.ts (SSRF-safe fetch
 * with limits), crawl/telegram.ts (public preview pages), crawl/ocr.ts (photos: OCR + QR codes).
 */
export type FetchOptions = {
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /** Test setting only (TARTIP_CRAWLER_ALLOW_PRIVATE=1): lets the crawler reach loopback/private addresses. */
  allowPrivate?: boolean;
  /** Also take a screenshot with Debian's Chromium when it is installed. */
  screenshot?: boolean;
  /** Connect timeout per hop (default 5 s); `timeoutMs` (default 20 s) bounds the whole capture. */
  connectTimeoutMs?: number;
  /** Name resolver (default: the system's). Tests inject one to make public-looking names resolve anywhere. */
  lookup?: (hostname: string) => Promise<{ address: string; family: number }[]>;
  /** Test setting: exact origins (e.g. `http://shop.test:41234`) reachable although private; every other hop is guarded. */
  allowOrigins?: string[];
  /** Also fetch the favicon (default true) to cluster mirrors by its sha256. */
  favicon?: boolean;
};

export type FetchErrorCode =
  | 'blocked_address'
  | 'bad_url'
  | 'dns_failed'
  | 'timeout'
  | 'too_large'
  | 'too_many_redirects'
  | 'redirect_loop'
  | 'unsupported_content_type'
  | 'decompression_bomb'
  | 'connection_failed'
  | 'http_error';

/** One HTTP exchange of a capture (redirect hops included), as recorded in the WARC. */
export type CaptureExchange = {
  url: string;
  status: number;
  headers: Record<string, string>;
  resolvedIps: string[];
  /** Body bytes as received (Content-Encoding kept, as the WARC stores them); bounded, see `truncated`. */
  body: Buffer;
  retrievedAt: Date;
  /** The address the socket connected to (WARC-IP-Address). */
  ipAddress: string | null;
  requestHeaders: Record<string, string>;
  /** Response headers as sent (name, value, name, value…), for the WARC record. */
  rawHeaders: string[];
  /** True when the body was cut at a limit or by an error. */
  truncated: boolean;
};

export type Capture = {
  requestedUrl: string;
  finalUrl: string;
  retrievedAt: Date;
  ok: boolean;
  status: number | null;
  error: { code: FetchErrorCode; message: string } | null;
  contentType: string | null;
  headers: Record<string, string>;
  resolvedIps: string[];
  /** Decoded body of the final response (bounded by maxBytes); empty on error. */
  body: Buffer;
  /** Visible text of an HTML page (or the text body). */
  text: string;
  title: string | null;
  /** Absolute http(s) links found on the page. */
  links: string[];
  /** sha256 of the favicon bytes, when the page has one and it could be fetched. */
  faviconSha256: string | null;
  exchanges: CaptureExchange[];
  /** The raw capture as WARC/1.1 records (request + response per exchange). */
  warc: Buffer;
  screenshotPng: Buffer | null;
};

export type TelegramPreview = {
  handle: string;
  /** Numeric channel id when the page shows it (data-post / data-peer ids). */
  telegramId: string | null;
  title: string | null;
  description: string | null;
  posts: { id: string; text: string; date: string | null; links: string[] }[];
};

export type ImageReading = {
  text: string;
  qrCodes: string[];
  language: string | null;
  /** Why the reading is partial (e.g. OCR language data missing, time limit); absent when complete. */
  warnings?: string[];
};
