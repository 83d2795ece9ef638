import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { blockedReason, checkUrl } from './address-guard.ts';
import { captureUrl } from './fetch.ts';
import { fakeResolver, startLocalServer, type LocalServer } from './test-http.ts';

let server: LocalServer;
let hits = 0;
before(async () => {
  server = await startLocalServer({
    '/secret': (_req, res) => {
      hits += 1;
      res.writeHead(200, { 'content-type': 'text/html' }).end('<title>internal</title>');
    },
  });
});
after(() => server.close());

test('private, loopback, link-local, metadata, CGNAT, multicast and mapped addresses are refused', () => {
  for (const ip of [
    '127.0.0.1',
    '127.8.9.1',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '100.64.0.1',
    '100.127.255.254',
    '169.254.169.254',
    '0.0.0.0',
    '0.1.2.3',
    '224.0.0.1',
    '255.255.255.255',
    '198.18.0.1',
    '::1',
    '::',
    'fe80::1',
    'fc00::1',
    'fd12:3456::1',
    '::ffff:127.0.0.1',
    '::ffff:8.8.8.8',
    'ff02::1',
    '64:ff9b::7f00:1',
    '2002:7f00:1::1',
    '2001:db8::1',
  ]) {
    assert.ok(blockedReason(ip), `${ip} should be refused`);
  }
  for (const ip of ['8.8.8.8', '93.184.216.34', '2.133.0.1', '2a00:1450:4001:80b::200e']) assert.equal(blockedReason(ip), null, ip);
});

test('literal and oddly encoded IP hosts, other schemes and ports are refused before any network use', async () => {
  for (const url of [
    'http://127.0.0.1/',
    'http://2130706433/',
    'http://0x7f.1/',
    'http://0177.0.0.1/',
    'http://017700000001/',
    'http://127.1/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://169.254.169.254/latest/meta-data/',
    'http://localhost/',
    'http://internal.localhost/',
  ]) {
    const c = await captureUrl(url);
    assert.equal(c.ok, false, url);
    assert.equal(c.error?.code, 'blocked_address', `${url}: ${c.error?.code} ${c.error?.message}`);
    assert.equal(c.exchanges.length, 0, `${url} reached the network`);
  }
  assert.equal(checkUrl('ftp://example.kz/', undefined, false).ok, false);
  assert.equal(checkUrl('file:///etc/passwd', undefined, false).ok, false);
  assert.equal(checkUrl('http://user:pw@example.kz/', undefined, false).ok, false);
  const port = checkUrl('http://example.kz:8080/', undefined, false);
  assert.equal(port.ok ? 'ok' : port.code, 'blocked_address');
  assert.equal(checkUrl('https://example.kz/path', undefined, false).ok, true);
  assert.equal((await captureUrl('not a url')).error?.code, 'bad_url');
});

test('a public-looking name that resolves to a private address is refused at connect time', async () => {
  for (const [name, ip] of [
    ['shop-mirror.kz', '127.0.0.1'],
    ['cdn.example.com', '169.254.169.254'],
    ['rebind.example.org', '10.0.0.5'],
    ['v6.example.net', '::1'],
  ] as const) {
    const c = await captureUrl(`http://${name}/secret`, { lookup: fakeResolver({ [name]: ip }) });
    assert.equal(c.error?.code, 'blocked_address', `${name} → ${ip}: ${c.error?.code}`);
    assert.match(c.error?.message ?? '', new RegExp(ip.replace(/[.:]/g, '\\$&')));
  }
  // even with the test server's real port, a name resolving to loopback never reaches it
  const sneaky = await captureUrl(`http://sneaky.example.com/secret`, { lookup: fakeResolver({ 'sneaky.example.com': '127.0.0.1' }) });
  assert.equal(sneaky.error?.code, 'blocked_address');
  assert.equal(hits, 0);
});

test('redirects to loopback, metadata or private-resolving names are refused after the hop', async () => {
  const shop = await startLocalServer({
    '/to-loopback': (_req, res) => res.writeHead(302, { location: server.url('/secret') }).end(),
    '/to-metadata': (_req, res) => res.writeHead(301, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
    '/to-decimal': (_req, res) => res.writeHead(302, { location: 'http://2130706433/secret' }).end(),
    '/to-name': (_req, res) => res.writeHead(307, { location: `http://evil.example.com/secret` }).end(),
  });
  try {
    // the shop is reachable only because its exact origin is allowed for the test; its redirects are not
    const origin = `http://shop.example.kz:${shop.port}`;
    const options = { allowOrigins: [origin], lookup: fakeResolver({ 'shop.example.kz': '127.0.0.1', 'evil.example.com': '127.0.0.1' }) };
    for (const path of ['/to-loopback', '/to-metadata', '/to-decimal', '/to-name']) {
      const c = await captureUrl(`${origin}${path}`, options);
      assert.equal(c.ok, false, path);
      assert.equal(c.error?.code, 'blocked_address', `${path}: ${c.error?.code} ${c.error?.message}`);
      assert.ok(c.exchanges[0]!.status >= 300 && c.exchanges[0]!.status < 400);
      // a refused hop never connected: no answer, no address (a name hop is recorded as attempted)
      for (const ex of c.exchanges.slice(1)) {
        assert.equal(ex.status, 0, path);
        assert.equal(ex.ipAddress, null, path);
      }
      assert.ok(c.warc.includes(Buffer.from('WARC-Type: response')), 'the refused chain is still recorded');
    }
    assert.equal(hits, 0, 'the loopback secret was never fetched');
  } finally {
    await shop.close();
  }
});
