import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { after, before, test } from 'node:test';
import zlib from 'node:zlib';
import { WARCParser } from 'warcio';
import { captureUrl } from './fetch.ts';
import { startLocalServer, type LocalServer } from './test-http.ts';

// Functional tests against a local server: allowPrivate is the explicit test setting (see ssrf.test.ts for blocking).
const T = { allowPrivate: true, timeoutMs: 5000 } as const;
// Compressed once, before any request: compressing per request blocked this process (server and client
// share it) for seconds on a loaded machine, and the client's 5 s timeout fired instead of the bomb check.
const GZIP_BOMB = zlib.gzipSync(Buffer.alloc(24 * 1024 * 1024), { level: 1 });
const BR_BOMB = zlib.brotliCompressSync(Buffer.alloc(32 * 1024 * 1024), { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1 } });
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const ICON = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>Синтетический магазин &amp; ко</title>
<link rel="icon" href="/static/icon.png"></head><body><h1>Закладки 24/7</h1>
<p>Пишите в <a href="https://t.me/synth_shop_kz">телеграм</a> или <a href="/catalog?x=1#top">каталог</a>
<a href="/catalog?x=1">каталог</a> <a href="javascript:alert(1)">x</a> <a href="mailto:a@b.kz">m</a></p>
<script>var hidden = "not text";</script></body></html>`;

let s: LocalServer;
const chain: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {};
for (let i = 0; i < 8; i++) chain[`/hop${i}`] = (_q, r) => r.writeHead(302, { location: `/hop${i + 1}` }).end();
before(async () => {
  s = await startLocalServer({
    '/page': (_q, r) =>
      r.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' }).end(zlib.gzipSync(PAGE)),
    '/static/icon.png': (_q, r) => r.writeHead(200, { 'content-type': 'image/png' }).end(ICON),
    '/r1': (_q, r) => r.writeHead(301, { location: '/r2' }).end(),
    '/r2': (_q, r) => r.writeHead(302, { location: '/page' }).end(),
    '/loop-a': (_q, r) => r.writeHead(302, { location: '/loop-b' }).end(),
    '/loop-b': (_q, r) => r.writeHead(302, { location: '/loop-a' }).end(),
    ...chain,
    '/slow-body': (_q, r) => {
      r.writeHead(200, { 'content-type': 'text/html' });
      const t = setInterval(() => (r.destroyed ? clearInterval(t) : r.write('<p>.</p>')), 100);
    },
    '/silent': () => undefined,
    '/huge': (_q, r) => r.writeHead(200, { 'content-type': 'text/plain' }).end(Buffer.alloc(3 * 1024 * 1024, 0x61)),
    '/huge-chunked': (_q, r) => {
      r.writeHead(200, { 'content-type': 'text/html' });
      for (let i = 0; i < 40; i++) r.write(Buffer.alloc(100 * 1024, 0x62));
      r.end();
    },
    '/gzip-bomb': (_q, r) => r.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end(GZIP_BOMB),
    '/br-bomb': (_q, r) => r.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'br' }).end(BR_BOMB),
    '/binary': (_q, r) => r.writeHead(200, { 'content-type': 'application/octet-stream' }).end(Buffer.from([0, 1, 2, 3])),
    '/no-type': (_q, r) => r.end('<html>no content type</html>'),
    '/bad-utf8': (_q, r) =>
      r
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(Buffer.concat([Buffer.from('<p>Закладки '), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(' t.me/synth_bad</p>')])),
    '/cp1251': (_q, r) =>
      r
        .writeHead(200, { 'content-type': 'text/html; charset=windows-1251' })
        .end(new Uint8Array([0xc7, 0xe0, 0xea, 0xeb, 0xe0, 0xe4, 0xea, 0xe8])),
    '/cp1251-meta': (_q, r) =>
      r
        .writeHead(200, { 'content-type': 'text/html' })
        .end(
          Buffer.concat([
            Buffer.from('<html><head><meta charset="windows-1251"><title>'),
            Buffer.from([0xcc, 0xe5, 0xf4]),
            Buffer.from('</title></head></html>'),
          ]),
        ),
    '/missing': (_q, r) => r.writeHead(404, { 'content-type': 'text/html' }).end('<title>Not found</title>'),
    '/html-bomb': (_q, r) => {
      const bomb = '<div>'.repeat(200_000) + '<a<a<a'.repeat(50_000) + '<script>'.repeat(20_000) + 'tail t.me/synth_bomb';
      r.writeHead(200, { 'content-type': 'text/html' }).end(`<title>bomb</title><p>head t.me/synth_head</p>${bomb}`);
    },
    '/comment-bomb': (_q, r) => r.writeHead(200, { 'content-type': 'text/html' }).end('<p>visible</p>' + '<!--'.repeat(300_000)),
  });
});
after(() => s.close());

test('captures a page: decoded text, title, absolute deduplicated links, favicon hash, headers, IPs', async () => {
  const c = await captureUrl(s.url('/page'), T);
  assert.equal(c.ok, true, c.error?.message);
  assert.equal(c.status, 200);
  assert.equal(c.title, 'Синтетический магазин & ко');
  assert.match(c.text, /Закладки 24\/7/);
  assert.match(c.text, /t\.me\/synth_shop_kz/);
  assert.doesNotMatch(c.text, /not text/);
  assert.deepEqual(c.links, ['https://t.me/synth_shop_kz', s.url('/catalog?x=1')]);
  assert.equal(c.faviconSha256, sha(ICON));
  assert.equal(c.headers['content-encoding'], 'gzip');
  assert.deepEqual(c.resolvedIps, ['127.0.0.1']);
  assert.equal(c.body.toString('utf8'), PAGE);
});

test('the WARC holds warcinfo, request and response records with digests of the wire bytes', async () => {
  const c = await captureUrl(s.url('/r1'), T);
  assert.equal(c.ok, true);
  assert.equal(c.finalUrl, s.url('/page'));
  assert.deepEqual(
    c.exchanges.map((e) => e.status),
    [301, 302, 200],
  );
  const warc = c.warc.toString('latin1');
  assert.ok(warc.startsWith('WARC/1.1\r\nWARC-Record-ID: <urn:uuid:'));
  assert.equal(warc.match(/WARC-Type: warcinfo/g)?.length, 1);
  assert.equal(warc.match(/WARC-Type: request/g)?.length, 4, 'three page hops and the favicon');
  assert.equal(warc.match(/WARC-Type: response/g)?.length, 4);
  assert.match(warc, new RegExp(`WARC-Target-URI: ${s.url('/r1').replace(/[.?]/g, '\\$&')}`));
  assert.match(warc, /WARC-IP-Address: 127\.0\.0\.1/);
  assert.match(warc, /WARC-Date: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/);
  const final = c.exchanges[2]!;
  assert.ok(warc.includes(`WARC-Payload-Digest: sha256:${sha(final.body)}`), 'payload digest of the gzip bytes as received');
  assert.deepEqual(zlib.gunzipSync(final.body).toString('utf8'), PAGE);
  // every record's Content-Length frames its block exactly
  let pos = 0;
  let records = 0;
  while (pos < c.warc.length) {
    const headEnd = c.warc.indexOf('\r\n\r\n', pos);
    const head = c.warc.subarray(pos, headEnd).toString('latin1');
    const len = Number(/Content-Length: (\d+)/.exec(head)?.[1]);
    const block = c.warc.subarray(headEnd + 4, headEnd + 4 + len);
    assert.ok(head.includes(`WARC-Block-Digest: sha256:${sha(block)}`));
    pos = headEnd + 4 + len + 4;
    records += 1;
  }
  assert.equal(records, 9);
  // and an independent WARC reader (warcio) reads the same records back
  const read: [string | null | undefined, string | null | undefined, string | number | undefined][] = [];
  for await (const r of new WARCParser([c.warc])) {
    read.push([r.warcType, r.warcTargetURI, r.warcType === 'response' ? r.httpHeaders?.statusCode : undefined]);
    await r.readFully();
  }
  assert.deepEqual(
    read.filter((r) => r[0] === 'response').map((r) => String(r[2])),
    [301, 302, 200, 200].map(String),
  );
  assert.equal(read[0]![0], 'warcinfo');
});

test('redirect loops and long chains stop with their own error', async () => {
  const loop = await captureUrl(s.url('/loop-a'), T);
  assert.equal(loop.error?.code, 'redirect_loop');
  const long = await captureUrl(s.url('/hop0'), T);
  assert.equal(long.error?.code, 'too_many_redirects');
  assert.equal(long.exchanges.length, 6, 'the first request and five redirects');
  const short = await captureUrl(s.url('/hop6'), { ...T, maxRedirects: 1 });
  assert.equal(short.error?.code, 'too_many_redirects');
});

test('slow and silent servers end at the time limit', async () => {
  const slow = await captureUrl(s.url('/slow-body'), { ...T, timeoutMs: 700 });
  assert.equal(slow.error?.code, 'timeout');
  assert.equal(slow.exchanges[0]?.truncated, true);
  const silent = await captureUrl(s.url('/silent'), { ...T, timeoutMs: 500 });
  assert.equal(silent.error?.code, 'timeout');
  assert.equal(silent.ok, false);
  assert.equal(silent.text, '');
});

test('bodies over the limit are cut: declared, chunked, and inflated (gzip and brotli bombs)', async () => {
  assert.equal((await captureUrl(s.url('/huge'), T)).error?.code, 'too_large');
  const chunked = await captureUrl(s.url('/huge-chunked'), T);
  assert.equal(chunked.error?.code, 'too_large');
  assert.ok(chunked.exchanges[0]!.body.length <= 2 * 1024 * 1024);
  const gz = await captureUrl(s.url('/gzip-bomb'), T);
  assert.equal(gz.error?.code, 'decompression_bomb');
  assert.equal(gz.body.length, 0);
  assert.equal((await captureUrl(s.url('/br-bomb'), T)).error?.code, 'decompression_bomb');
  assert.equal((await captureUrl(s.url('/gzip-bomb'), { ...T, maxBytes: 8 * 1024 * 1024 })).error?.code, 'decompression_bomb');
});

test('binary or undeclared content types are not read', async () => {
  const bin = await captureUrl(s.url('/binary'), T);
  assert.equal(bin.error?.code, 'unsupported_content_type');
  assert.equal(bin.status, 200);
  assert.equal((await captureUrl(s.url('/no-type'), T)).error?.code, 'unsupported_content_type');
});

test('invalid UTF-8 is replaced, not fatal; windows-1251 is decoded from the header or <meta>', async () => {
  const bad = await captureUrl(s.url('/bad-utf8'), T);
  assert.equal(bad.ok, true);
  assert.match(bad.text, /Закладки \uFFFD+ t\.me\/synth_bad/);
  const cp = await captureUrl(s.url('/cp1251'), T);
  assert.equal(cp.text, 'Закладки');
  const meta = await captureUrl(s.url('/cp1251-meta'), T);
  assert.equal(meta.title, 'Меф');
});

test('HTML bombs (deep nesting, unclosed tags, scripts and comments) are read in bounded time and size', async () => {
  const c = await captureUrl(s.url('/html-bomb'), T);
  assert.equal(c.ok, true, c.error?.message);
  assert.equal(c.title, 'bomb');
  assert.match(c.text, /t\.me\/synth_head/);
  assert.ok(c.text.length <= 200_000);
  const comments = await captureUrl(s.url('/comment-bomb'), T);
  assert.equal(comments.text, 'visible');
});

test('HTTP errors and refused connections are reported, not thrown', async () => {
  const missing = await captureUrl(s.url('/missing'), T);
  assert.equal(missing.status, 404);
  assert.equal(missing.error?.code, 'http_error');
  assert.equal(missing.title, 'Not found', 'the error page is still captured');
  const closed = await startLocalServer({});
  const url = closed.url('/');
  await closed.close();
  const refused = await captureUrl(url, T);
  assert.equal(refused.error?.code, 'connection_failed');
  assert.equal(refused.status, null);
});
