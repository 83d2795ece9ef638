import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { PNG } from 'pngjs';
import { captureUrl } from './fetch.ts';
import { CHROMIUM_PATH } from './screenshot.ts';
import { startLocalServer, type LocalServer } from './test-http.ts';

let s: LocalServer;
let beacons = 0;
before(async () => {
  s = await startLocalServer({
    '/shop': (_q, r) =>
      r.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
        `<html><head><title>Synth</title><link rel="stylesheet" href="/beacon?css"><link rel="dns-prefetch" href="//synth-prefetch.example">
<script src="/beacon?js"></script></head><body style="background:#fff"><h1 style="font-size:64px">ЗАКЛАДКИ t.me/synth_shot</h1>
<img src="/beacon?img"><img src="http://127.0.0.1:${s.port}/beacon?abs"><iframe src="/beacon?frame"></iframe>
<script>fetch('/beacon?fetch')</script></body></html>`,
      ),
    '/beacon': (_q, r) => {
      beacons += 1;
      r.writeHead(200, { 'content-type': 'image/png' }).end();
    },
  });
});
after(() => s.close());

test('the screenshot renders the fetched page while Chromium itself fetches nothing', { skip: !existsSync(CHROMIUM_PATH) }, async () => {
  const c = await captureUrl(s.url('/shop'), { allowPrivate: true, screenshot: true, favicon: false });
  assert.equal(c.ok, true, c.error?.message);
  assert.ok(c.screenshotPng, 'a screenshot was taken');
  const png = PNG.sync.read(c.screenshotPng);
  assert.equal(png.width, 1280);
  // the heading was drawn: some pixels are dark
  let dark = 0;
  for (let i = 0; i < png.data.length; i += 4) if (png.data[i]! < 80) dark += 1;
  assert.ok(dark > 1000, `expected rendered text, found ${dark} dark pixels`);
  assert.equal(beacons, 0, 'the browser requested nothing: sub-resources, scripts and frames are blocked');
});
