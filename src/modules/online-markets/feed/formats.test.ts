import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { test } from 'node:test';
import {
  csvBody,
  csvField,
  domainsBody,
  feedDomain,
  feedTelegram,
  feedUrl,
  hostsBody,
  renderFeed,
  rpzBody,
  urlsBody,
  type FeedItem,
} from './formats.ts';
import { createSigner, privateKeyFrom, sha256Hex, verifyFeedSignature } from './signing.ts';

const item = (kind: FeedItem['kind'], value: string, over: Partial<FeedItem> = {}): FeedItem => ({
  kind,
  value,
  legalBasis: 'Law "On Communications" art. 41-1',
  decisionNumber: 'ПР-7',
  decisionDate: '2025-09-01',
  decisionBody: 'Ministry of Culture and Information',
  addedInVersion: 3,
  ...over,
});

// synthetic names only (reserved .example / .test style hosts under .kz are fictitious shops)
const FIXTURE: FeedItem[] = [
  item('domain', 'zakladka-shop.kz'),
  item('telegram', 'fake_shop_bot', { addedInVersion: 2 }),
  item('domain', 'alpha-store.example', { decisionBody: 'Body, "quoted"' }),
  item('url', 'https://pages.example/shop/1'),
];

test('domains: plain sorted list, one per line', () => {
  assert.equal(domainsBody(FIXTURE), 'alpha-store.example\nzakladka-shop.kz\n');
  assert.equal(domainsBody([]), '');
});

test('hosts: each domain and its www. name to 0.0.0.0, with a header', () => {
  assert.equal(
    hostsBody(FIXTURE, 3),
    [
      '# Tartip ISP blocklist feed, version 3, domains: 2',
      '0.0.0.0 alpha-store.example',
      '0.0.0.0 www.alpha-store.example',
      '0.0.0.0 zakladka-shop.kz',
      '0.0.0.0 www.zakladka-shop.kz',
      '',
    ].join('\n'),
  );
});

test('rpz: SOA serial is the version; each domain and its subdomains answer NXDOMAIN', () => {
  assert.equal(
    rpzBody(FIXTURE, 3),
    [
      '; Tartip ISP blocklist feed: response policy zone, version 3, domains: 2',
      '$TTL 300',
      '@ IN SOA localhost. hostmaster.localhost. 3 3600 600 86400 300',
      '@ IN NS localhost.',
      'alpha-store.example CNAME .',
      '*.alpha-store.example CNAME .',
      'zakladka-shop.kz CNAME .',
      '*.zakladka-shop.kz CNAME .',
      '',
    ].join('\n'),
  );
});

test('urls: only URL entries; telegram handles appear only in csv', () => {
  assert.equal(urlsBody(FIXTURE), 'https://pages.example/shop/1\n');
  for (const f of ['domains', 'hosts', 'rpz', 'urls'] as const) assert.ok(!renderFeed(f, FIXTURE, 3).includes('fake_shop_bot'), f);
});

test('csv: header, RFC 4180 quoting, sorted by kind then value, CRLF', () => {
  assert.equal(
    csvBody(FIXTURE),
    [
      'value,kind,legal_basis,decision_number,decision_date,decision_body,added_in_version',
      'alpha-store.example,domain,"Law ""On Communications"" art. 41-1",ПР-7,2025-09-01,"Body, ""quoted""",3',
      'zakladka-shop.kz,domain,"Law ""On Communications"" art. 41-1",ПР-7,2025-09-01,Ministry of Culture and Information,3',
      'fake_shop_bot,telegram,"Law ""On Communications"" art. 41-1",ПР-7,2025-09-01,Ministry of Culture and Information,2',
      'https://pages.example/shop/1,url,"Law ""On Communications"" art. 41-1",ПР-7,2025-09-01,Ministry of Culture and Information,3',
      '',
    ].join('\r\n'),
  );
  assert.equal(csvField('=HYPERLINK("x")', true), `"'=HYPERLINK(""x"")"`);
  assert.equal(csvField('line\nbreak'), '"line\nbreak"');
  assert.equal(csvField(' padded'), '" padded"');
});

test('the same entries in any order give the same bytes', () => {
  const reversed = [...FIXTURE].reverse();
  for (const f of ['domains', 'hosts', 'rpz', 'urls', 'csv'] as const) assert.equal(renderFeed(f, reversed, 3), renderFeed(f, FIXTURE, 3));
});

test('values are normalised for DNS; anything that could break a zone or hosts file is refused', () => {
  assert.equal(feedDomain('Дәрі-Дүкен.ҚАЗ'), 'xn----gtbbeytq0px4atm.xn--80ao21a');
  assert.equal(feedDomain('Shop.KZ.'), 'shop.kz');
  for (const bad of ['shop.kz\n* CNAME .', 'bad domain.kz', 'localhost', '', '-x.kz', '1.2.3.4', 'a..kz'])
    assert.equal(feedDomain(bad), null, JSON.stringify(bad));
  assert.equal(feedUrl('HTTPS://Shop.KZ/a b#frag'), 'https://shop.kz/a%20b');
  assert.equal(feedUrl('javascript:alert(1)'), null);
  assert.equal(feedUrl('http://127.0.0.1/x'), null);
  assert.equal(feedTelegram('@Fake_Shop_Bot'), 'fake_shop_bot');
  assert.equal(feedTelegram('https://t.me/+AbCdEf'), '+AbCdEf');
  assert.equal(feedTelegram('bad handle'), null);
});

test('signatures verify with the published key and fail for any other body or key', () => {
  const signer = createSigner(privateKeyFrom('11'.repeat(32)));
  const body = domainsBody(FIXTURE);
  const sig = signer.sign(body);
  assert.ok(verifyFeedSignature(body, sig, signer.publicKeyPem));
  assert.ok(!verifyFeedSignature(`${body}evil.kz\n`, sig, signer.publicKeyPem));
  assert.ok(!verifyFeedSignature(body.replace('zakladka', 'zakladkb'), sig, signer.publicKeyPem));
  const other = createSigner(privateKeyFrom('22'.repeat(32)));
  assert.ok(!verifyFeedSignature(body, sig, other.publicKeyPem));
  assert.notEqual(other.keyId, signer.keyId);
  assert.match(signer.keyId, /^[0-9a-f]{16}$/);
  assert.equal(sha256Hex(body).length, 64);
});

test('a PEM key and its seed give the same signer; non-Ed25519 keys are refused', () => {
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = String(privateKey.export({ format: 'pem', type: 'pkcs8' }));
  const seed = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(16).toString('hex');
  assert.equal(createSigner(privateKeyFrom(pem)).keyId, createSigner(privateKeyFrom(seed)).keyId);
  const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' });
  assert.throws(() => privateKeyFrom(String(rsa)), /must be Ed25519/);
});
