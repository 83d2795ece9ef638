import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isHeader, isIssue, isoTimestamp, parseAmount, parseTimestamp, parseTxFields, RecordSplitter, splitFields } from './csv.ts';
import type { RowIssue, Tx } from './types.ts';

function records(...chunks: (string | Buffer)[]): { line: number; fields: string[] }[] {
  const out: { line: number; fields: string[] }[] = [];
  const sp = new RecordSplitter((buf, s, e, line) => out.push({ line, fields: splitFields(buf, s, e) }));
  for (const c of chunks) sp.feed(typeof c === 'string' ? Buffer.from(c) : c);
  sp.end();
  return out;
}

const ROW = 'T1,2025-09-01T10:00:00+05:00,acc_a,acc_b,15000,KZT,card_p2p,HALYK,KASPI';

test('splits records on LF and CRLF, strips a UTF-8 BOM, keeps the last line without a newline', () => {
  const bom = Buffer.from([0xef, 0xbb, 0xbf]);
  const r = records(Buffer.concat([bom, Buffer.from(`tx_id,timestamp\r\n${ROW}\r\n${ROW}`)]));
  assert.deepEqual(
    r.map((x) => x.line),
    [1, 2, 3],
  );
  assert.equal(r[0]?.fields[0], 'tx_id');
  assert.ok(isHeader(r[0]?.fields ?? []));
  assert.equal(r[1]?.fields[8], 'KASPI', 'no trailing \\r in the last field');
  assert.equal(r[2]?.fields.length, 9);
});

test('records split across chunks (even inside the BOM or a quoted field) come out whole', () => {
  const text = `\ufeffa,b\n"x,1","multi\nline",z\n${ROW}\n`;
  const whole = records(text);
  const bytes = Buffer.from(text);
  for (let cut = 1; cut < bytes.length; cut++) {
    assert.deepEqual(records(bytes.subarray(0, cut), bytes.subarray(cut)), whole, `cut at ${cut}`);
  }
  assert.deepEqual(whole[1]?.fields, ['x,1', 'multi\nline', 'z']);
  assert.equal(whole[2]?.line, 4, 'a quoted newline still counts as a line');
});

test('quotes: escaped quotes, quoted commas, a stray quote inside a field is literal', () => {
  const r = records('"he said ""hi""","a,b",c"d,  spaced  \n');
  assert.deepEqual(r[0]?.fields, ['he said "hi"', 'a,b', 'c"d', 'spaced']);
});

test('an unclosed quote does not swallow the rest of the file', () => {
  const lines = ['"broken,1,2'];
  for (let i = 0; i < 40; i++) lines.push(ROW);
  const r = records(lines.join('\n'));
  assert.ok(r.length > 20);
  assert.equal(r.at(-1)?.line, 41);
});

test('timestamps: offsets, Z, fractions, and calendar checks', () => {
  assert.equal(parseTimestamp('2025-09-01T10:00:00+05:00')?.ts, Date.UTC(2025, 8, 1, 5));
  assert.equal(parseTimestamp('2025-09-01T10:00:00+05:00')?.hour, 10);
  assert.equal(parseTimestamp('2025-09-01T10:00:00Z')?.ts, Date.UTC(2025, 8, 1, 10));
  assert.equal(parseTimestamp('2025-09-01T10:00:00.250-0130')?.ts, Date.UTC(2025, 8, 1, 11, 30, 0, 250));
  assert.equal(parseTimestamp('2025-09-01 10:00+06')?.ts, Date.UTC(2025, 8, 1, 4));
  for (const bad of [
    '',
    'yesterday',
    '2025-13-01T10:00:00Z',
    '2025-02-30T10:00:00Z',
    '2023-02-29T00:00:00Z',
    '2025-09-01T24:00:00Z',
    '2025-09-01',
    '2025-09-01T10:00:00+5',
  ]) {
    assert.equal(parseTimestamp(bad), null, bad);
  }
});

test('isoTimestamp writes what Date.toISOString writes, across days, years and leap days', () => {
  let seed = 7;
  const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const cases = [
    0,
    86_399_999,
    86_400_000,
    Date.UTC(2024, 1, 29, 23, 59, 59, 999),
    Date.UTC(2100, 0, 1),
    Date.UTC(9999, 11, 31, 23, 59, 59, 999),
  ];
  for (let i = 0; i < 2000; i++) cases.push(Math.floor(next() * Date.UTC(2200, 0, 1)));
  // in a shuffled order too, so the kept day is switched back and forth
  for (const ms of [...cases, ...cases.reverse()]) assert.equal(isoTimestamp(ms), new Date(ms).toISOString(), String(ms));
});

test('a record without quotes is split on its own even when a later record in the chunk has quotes', () => {
  const text = `${ROW}\nT2,2025-09-01T10:00:00+05:00,"acc, c",acc_d,1,KZT,card_p2p,HALYK,KASPI\n`;
  const r = records(text);
  assert.deepEqual(r[0]?.fields, ROW.split(','));
  assert.equal(r[1]?.fields[2], 'acc, c');
  assert.equal(r[1]?.fields.length, 9);
});

test('amounts: plain decimals only', () => {
  assert.equal(parseAmount('15000'), 15000);
  assert.equal(parseAmount('15000.50'), 15000.5);
  assert.ok(Number.isNaN(parseAmount('1,000')));
  assert.ok(Number.isNaN(parseAmount('abc')));
  assert.ok(Number.isNaN(parseAmount('12.')));
  assert.ok(parseAmount('-5') < 0);
});

test('bad rows are rejected with their line number and a reason that never echoes identifiers', () => {
  const card = '9900123456789012';
  const cases: [string, RegExp][] = [
    ['T1,2025-09-01T10:00:00+05:00,a,b,100,KZT,card_p2p,X', /columns/],
    ['T1,not-a-date,a,b,100,KZT,card_p2p,X,Y', /timestamp/],
    ['T1,2025-09-01T10:00:00+05:00,a,b,100,KZT,carrier_pigeon,X,Y', /channel/],
    ['T1,2025-09-01T10:00:00+05:00,a,b,-100,KZT,card_p2p,X,Y', /positive/],
    ['T1,2025-09-01T10:00:00+05:00,a,b,0,KZT,card_p2p,X,Y', /positive/],
    ['T1,2025-09-01T10:00:00+05:00,a,b,5000000000000,KZT,card_p2p,X,Y', /absurd/],
    ['T1,2025-09-01T10:00:00+05:00,a,b,ten,KZT,card_p2p,X,Y', /not a number/],
    ['T1,2025-09-01T10:00:00+05:00,,b,100,KZT,card_p2p,X,Y', /empty payer/],
    ['T1,2025-09-01T10:00:00+05:00,a,,100,KZT,card_p2p,X,Y', /empty payee/],
    [',2025-09-01T10:00:00+05:00,a,b,100,KZT,card_p2p,X,Y', /empty tx_id/],
    [`T1,2025-09-01T10:00:00+05:00,${card},${card},100,KZT,card_p2p,X,Y`, /equals/],
    [`${'T'.repeat(65)},2025-09-01T10:00:00+05:00,a,b,100,KZT,card_p2p,X,Y`, /longer than 64/],
    [`T1,2025-09-01T10:00:00+05:00,${'a'.repeat(65)},b,100,KZT,card_p2p,X,Y`, /longer than 64/],
    [`T1,2025-09-01T10:00:00+05:00,a,b,100,KZT,card_p2p,X,${'Y'.repeat(33)}`, /bank code longer than 32/],
    ['T1,2025-09-01T10:00:00+05:00,a,b,100,TENGE,card_p2p,X,Y', /currency/],
  ];
  for (const [row, re] of cases) {
    const r = parseTxFields(splitFields(Buffer.from(row), 0, row.length), 7);
    assert.ok(isIssue(r), row);
    assert.equal((r as RowIssue).line, 7);
    assert.match((r as RowIssue).message, re);
    assert.ok(!(r as RowIssue).message.includes(card));
  }
  const ok = parseTxFields(splitFields(Buffer.from(ROW), 0, ROW.length), 2) as Tx;
  assert.ok(!isIssue(ok));
  assert.equal(ok.amount, 15000);
  assert.equal(ok.payer, 'acc_a');
  const withdrawal = 'T9,2025-09-01T10:00:00+05:00,acc_a,CASH,20000,KZT,cash_withdrawal,HALYK,';
  assert.ok(!isIssue(parseTxFields(splitFields(Buffer.from(withdrawal), 0, withdrawal.length), 3)));
});
