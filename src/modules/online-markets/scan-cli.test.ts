import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

const root = path.resolve(import.meta.dirname, '../../..');

function scan(input: Buffer | string, args: string[] = ['-']) {
  const r = spawnSync(process.execPath, ['bin/tartip.mjs', 'scan', ...args], {
    cwd: root,
    input,
    // an unreachable database proves that scan never opens one
    env: { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', TARTIP_LOG_LEVEL: 'silent' },
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const lines = r.stdout.toString('utf8').split('\n').filter(Boolean);
  return { code: r.status, out: lines.map((l) => JSON.parse(l) as Record<string, unknown>), err: r.stderr.toString('utf8') };
}

test('scan: one output line per non-empty input line, in order; bad lines are reported and the batch goes on', () => {
  const lines: Buffer[] = [
    Buffer.from(JSON.stringify({ id: 'ad', text: 'Меф 1г 15000тг, закладки Алматы, пиши @mef_alm_bot, карта 4000 0012 3456 7899' })),
    Buffer.from('{not json'),
    Buffer.from(''),
    Buffer.concat([Buffer.from('{"id":"bad-utf8","text":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')]),
    Buffer.from([0x00, 0x01, 0x02, 0x89, 0x50, 0x4e, 0x47]),
    Buffer.from(JSON.stringify({ id: 'huge', text: 'а'.repeat(1_200_000) })),
    Buffer.from(JSON.stringify({ text: 'no id here' })),
    Buffer.from(JSON.stringify({ id: 'num-text', text: 42 })),
    Buffer.from(
      JSON.stringify({ id: 'news', text: 'В Алматы задержан закладчик, изъято 30 свёртков мефедрона, возбуждено уголовное дело.' }),
    ),
    Buffer.from(JSON.stringify({ id: 'url', url: 'https://www.Mef-Shop.KZ/catalog' })),
    Buffer.from(
      JSON.stringify({
        id: 'html',
        html: '<p>Шишки <b>VHQ</b> &mdash; клады, <a href="https://t.me/Green_Shop">заказ</a></p><script>alert(1)</script>',
      }),
    ),
  ];
  const r = scan(Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\n')])));
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out.length, 10);
  assert.deepEqual(
    r.out.map((o) => o.id),
    ['ad', null, 'bad-utf8', null, 'huge', null, 'num-text', 'news', 'url', 'html'],
  );
  const [ad, badJson, badUtf8, binary, huge, noId, numText, news, url, html] = r.out;
  assert.equal(ad!.label, 'drug_ad');
  assert.deepEqual(ad!.indicators, [
    { type: 'telegram', value: 'mef_alm_bot' },
    { type: 'card', value: '4000001234567899' },
  ]);
  assert.match(String(badJson!.error), /line 2: invalid JSON/);
  assert.match(String(badUtf8!.error), /line 4: invalid UTF-8/);
  assert.match(String(binary!.error), /line 5: binary/);
  assert.match(String(huge!.error), /line 6: .*limit/);
  assert.match(String(noId!.error), /line 7: missing "id"/);
  assert.match(String(numText!.error), /line 8: "text" must be a string/);
  assert.equal(news!.label, 'benign');
  assert.deepEqual(url!.indicators, [
    { type: 'url', value: 'https://www.mef-shop.kz/catalog' },
    { type: 'domain', value: 'mef-shop.kz' },
  ]);
  assert.deepEqual(html!.indicators, [{ type: 'telegram', value: 'green_shop' }]);
  for (const o of [ad, news, url, html]) {
    assert.deepEqual(Object.keys(o!), ['id', 'label', 'score', 'indicators', 'reasons']);
    assert.ok(Array.isArray(o!.reasons));
  }
});

test('scan reads a file argument, handles CRLF and a last line without a newline', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tartip-scan-'));
  try {
    const file = path.join(dir, 'in.jsonl');
    fs.writeFileSync(file, '{"id":"a","text":"привет"}\r\n\r\n{"id":"b","text":"Glovo ищет курьеров"}');
    const r = scan('', [file]);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(
      r.out.map((o) => [o.id, o.label]),
      [
        ['a', 'benign'],
        ['b', 'benign'],
      ],
    );
    assert.equal(scan('', [path.join(dir, 'missing.jsonl')]).code, 2);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('scanStream: periodic full collections change nothing in the output', async () => {
  const { Readable, Writable } = await import('node:stream');
  const { createScanner } = await import('./scan.ts');
  const { scanStream } = await import('./scan-stream.ts');
  const scanner = createScanner();
  const input = ['Меф 1г, клады Алматы @mef_alm_bot', 'Привет', 'Требуются курьеры-закладчики, 300к в неделю', 'Торты на заказ']
    .map((text, i) => JSON.stringify({ id: `d${i}`, text }))
    .join('\n');
  const run = async (fullGcEvery: number) => {
    let out = '';
    const sink = new Writable({
      decodeStrings: false,
      write(chunk: string, _e, cb) {
        out += chunk;
        cb();
      },
    });
    const stats = await scanStream(scanner, Readable.from([Buffer.from(input)]), sink, { fullGcEvery });
    return { out, stats };
  };
  const plain = await run(0);
  const collected = await run(1);
  assert.equal(collected.out, plain.out);
  assert.deepEqual(collected.stats, { lines: 4, documents: 4, errors: 0 });
  assert.equal(plain.out.trim().split('\n').length, 4);
});
