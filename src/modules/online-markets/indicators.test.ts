import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  base58CheckEncode,
  bech32Encode,
  isLuhnValid,
  isValidBech32Address,
  isValidEthAddress,
  keccak256Hex,
  toEip55,
} from './checksums.ts';
import { extractIndicators, type Indicator } from './indicators.ts';
import { extractionView } from './normalize.ts';
import { registrableDomain } from './psl.ts';

const find = (text: string): Indicator[] => extractIndicators(extractionView(text).text);
const values = (text: string, type: Indicator['type']) =>
  find(text)
    .filter((i) => i.type === type)
    .map((i) => i.value);
const bytes = (seed: number) => Uint8Array.from({ length: 20 }, (_, i) => (i * 37 + seed * 11) & 255);

test('telegram: handles lower-case without @ or t.me/, bots, invite links keep their case', () => {
  assert.deepEqual(
    values('Пиши @Mef_Shop или t.me/Snow_KZ, бот https://t.me/Klad_Bot, канал t.me/+AbCdEf12 и t.me/joinchat/XyZ98765', 'telegram'),
    ['mef_shop', 'snow_kz', 'klad_bot', '+AbCdEf12', '+XyZ98765'],
  );
  assert.deepEqual(values('t . me / mef_shop и t(.)me/other_shop', 'telegram'), ['mef_shop', 'other_shop']);
  assert.deepEqual(values('тг: mef_ast24', 'telegram'), ['mef_ast24']);
  assert.deepEqual(values('почта shop@mail.ru', 'telegram'), []);
});

test('urls are normalised and their registrable domain is emitted too', () => {
  assert.deepEqual(find('Сайт https://WWW.Mef-Shop.KZ/catalog?id=1#top.'), [
    { type: 'url', value: 'https://www.mef-shop.kz/catalog?id=1' },
    { type: 'domain', value: 'mef-shop.kz' },
  ]);
  assert.deepEqual(find('зеркало shop24.com.kz'), [{ type: 'domain', value: 'shop24.com.kz' }]);
  assert.deepEqual(find('зеркало www.Shop24.KZ'), [{ type: 'domain', value: 'shop24.kz' }]);
  assert.deepEqual(values('hxxps://evil[.]site/path', 'url'), ['https://evil.site/path']);
  assert.deepEqual(values('photo.jpg node.js', 'domain'), []);
});

test('public suffix list edge cases', () => {
  assert.equal(registrableDomain('a.b.shop.co.uk'), 'shop.co.uk');
  assert.equal(registrableDomain('www.mef.com.kz'), 'mef.com.kz');
  assert.equal(registrableDomain('user.github.io'), 'user.github.io');
  assert.equal(registrableDomain('x.y.spb.ru'), 'y.spb.ru');
  assert.equal(registrableDomain('shop.example.ck'), 'shop.example.ck'); // *.ck wildcard
  assert.equal(registrableDomain('www.ck'), 'www.ck'); // !www.ck exception
  assert.equal(registrableDomain('co.uk'), 'co.uk');
  assert.equal(registrableDomain('localhost'), null);
  assert.equal(registrableDomain('магазин.рф'), 'магазин.рф');
});

test('phones: Kazakh and Russian formats to E.164', () => {
  for (const written of ['8 799 012 34 56', '+7 (799) 012-34-56', '7990123456', '87990123456', '+77990123456', '8-799-012-34-56'])
    assert.deepEqual(values(`тел ${written}.`, 'phone'), ['+77990123456'], written);
  assert.deepEqual(values('8 799 012 34 56 и 8 799 012 34 57', 'phone'), ['+77990123456', '+77990123457']);
  assert.deepEqual(values('+998 90 123 45 67', 'phone'), ['+998901234567']);
  assert.deepEqual(values('цена 2 000 000 тг, дата 03.07.2019', 'phone'), []);
});

test('cards: digits only, Luhn-valid only', () => {
  assert.ok(isLuhnValid('4000001234567899'));
  assert.deepEqual(values('карта 4000 0012 3456 7899', 'card'), ['4000001234567899']);
  assert.deepEqual(values('карта 5555-5500-1234-5676', 'card'), ['5555550012345676']);
  assert.deepEqual(values('карта 4000 0012 3456 7890', 'card'), []);
  assert.deepEqual(values('карта 4000 0012 3456 7890', 'phone'), []);
});

test('crypto: checksums are validated', () => {
  assert.equal(keccak256Hex(new Uint8Array()), 'c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470');
  const eth = toEip55(Buffer.from(bytes(6)).toString('hex'));
  assert.ok(isValidEthAddress(eth));
  assert.ok(isValidEthAddress(eth.toLowerCase()));
  const flipped =
    eth.slice(0, -1) + (eth.endsWith(eth.slice(-1).toUpperCase()) ? eth.slice(-1).toLowerCase() : eth.slice(-1).toUpperCase());
  if (/[a-f]/i.test(eth.slice(-1))) assert.ok(!isValidEthAddress(flipped));
  const tron = base58CheckEncode(0x41, bytes(1));
  const btc = base58CheckEncode(0, bytes(3));
  const p2sh = base58CheckEncode(5, bytes(4));
  const bech = bech32Encode(0, bytes(5));
  const taproot = bech32Encode(1, new Uint8Array(32).fill(7));
  assert.ok(isValidBech32Address(bech) && isValidBech32Address(taproot));
  assert.deepEqual(values(`USDT ${tron} BTC ${btc} ${p2sh} ${bech} ${taproot} ETH ${eth}`, 'crypto'), [
    tron,
    btc,
    p2sh,
    bech,
    taproot,
    eth,
  ]);
  const broken = (s: string) => s.slice(0, -3) + (s.at(-3) === 'x' ? 'y' : 'x') + s.slice(-2);
  assert.deepEqual(values(`${broken(tron)} ${broken(btc)} ${broken(bech)}`, 'crypto'), []);
});

test('emails lower-case, with собака/at forms', () => {
  assert.deepEqual(values('Zakaz.Alm@Proton.Me, zakaz собака mail.ru, info [at] gmail.com', 'email'), [
    'zakaz.alm@proton.me',
    'zakaz@mail.ru',
    'info@gmail.com',
  ]);
});

test('indicators are deduplicated per document in first-seen order', () => {
  assert.deepEqual(find('@shop_kz, 8 799 012 34 56, @Shop_KZ, +77990123456, t.me/shop_kz'), [
    { type: 'telegram', value: 'shop_kz' },
    { type: 'phone', value: '+77990123456' },
  ]);
});

test('the second annotated set (indicators-v2.jsonl): every type keeps F1 ≥ 0.95', () => {
  const file = new URL('../../../data/online-markets/corpus/indicators-v2.jsonl', import.meta.url);
  const cases = readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { id: string; text: string; expected: Indicator[] });
  assert.ok(cases.length >= 100);
  const per = new Map<string, { tp: number; fp: number; fn: number }>();
  const at = (t: string) => per.get(t) ?? (per.set(t, { tp: 0, fp: 0, fn: 0 }), per.get(t)!);
  for (const c of cases) {
    const got = find(c.text).map((i) => `${i.type}:${i.value}`);
    const want = c.expected.map((i) => `${i.type}:${i.value}`);
    for (const g of got) at(g.slice(0, g.indexOf(':')))[want.includes(g) ? 'tp' : 'fp']++;
    for (const w of want) if (!got.includes(w)) at(w.slice(0, w.indexOf(':'))).fn++;
  }
  assert.deepEqual([...per.keys()].sort(), ['card', 'crypto', 'domain', 'email', 'phone', 'telegram', 'url']);
  for (const [type, m] of per) assert.ok((2 * m.tp) / (2 * m.tp + m.fp + m.fn) >= 0.95, `${type}: ${JSON.stringify(m)}`);
});
