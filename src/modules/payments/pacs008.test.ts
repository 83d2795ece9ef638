import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { buildToken, buildUser, login, systemCtx, type Session } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-platform.ts';
import { Pacs008Error, readPacs008, type PacsRecord } from './pacs008.parser.ts';
import { PACS008_BODY_LIMIT } from './pacs008.routes.ts';
import { importPacs008File } from './pacs008.service.ts';
import { pacs008Xml, type PacsFixtureTx } from './pacs008.testing.ts';

let t: TestApp;
let bank: { headers: Record<string, string> };
let coordinator: Session;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pacs008-'));
before(async () => {
  t = await createTestApp();
  bank = await buildToken(t.platform, { organisationCode: 'AFM', permissions: ['payments.ingest'] });
  coordinator = await login(t.app, await buildUser(t.platform, { role: 'regional_coordinator', regionCode: 'KZ-75' }));
});
after(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const CARD = '4400123412341234';
const good: PacsFixtureTx[] = [
  {
    txId: 'PX-1',
    accepted: '2025-09-01T23:15:00+05:00',
    amount: '5000.00',
    debtor: { other: '+77010000001' },
    creditor: { other: CARD },
    localInstrument: 'card_p2p',
  },
  {
    endToEndId: 'E2E-2',
    settled: '2025-09-02',
    amount: '12000',
    debtor: { iban: 'KZ86125KZT5004100100' },
    creditor: { other: '+77010000002' },
    categoryPurpose: 'PHONE_TRANSFER',
  },
  {
    txId: 'PX-3',
    accepted: '2025-09-02T09:00:00',
    amount: '7000.5',
    ccy: 'USD',
    debtor: { iban: 'KZ86125KZT5004100100' },
    creditor: { iban: 'KZ75125KZT2069100100' },
  },
];
const post = (xml: string, contentType = 'application/xml', headers = bank.headers) =>
  t.app.inject({
    method: 'POST',
    url: '/api/payments/transactions/pacs008',
    headers: { ...headers, 'content-type': contentType },
    payload: xml,
  });
const count = async () =>
  Number(
    (
      await t.platform.db
        .selectFrom('pay_transactions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

test('the parser maps CdtTrfTxInf to the nine transaction fields, across message versions', async () => {
  for (const v of ['02', '08', '10']) {
    const got: PacsRecord[] = [];
    const r = await readPacs008([pacs008Xml(good, v)], (x) => void got.push(x));
    assert.equal(r.version, Number(v));
    assert.deepEqual(got[0]!.fields, [
      'PX-1',
      '2025-09-01T23:15:00+05:00',
      '+77010000001',
      CARD,
      '5000.00',
      'KZT',
      'card_p2p',
      'CASPKZKA',
      'HSBKKZKX',
    ]);
    assert.deepEqual(got[1]!.fields.slice(0, 2), ['E2E-2', '2025-09-02T12:00:00+05:00']);
    assert.equal(got[1]!.fields[6], 'phone_transfer', 'category purpose names the channel');
    assert.equal(got[2]!.fields[6], 'bank_transfer', 'default channel');
    assert.equal(got[2]!.fields[5], 'USD');
  }
  // split into tiny chunks (streaming), the result is the same
  const xml = pacs008Xml(good);
  const chunks = xml.match(/[\s\S]{1,7}/g) ?? [];
  const got: PacsRecord[] = [];
  await readPacs008(chunks, (x) => void got.push(x));
  assert.equal(got.length, 3);
  assert.equal(got[2]!.fields[4], '7000.5');
  await assert.rejects(
    readPacs008([pacs008Xml(good, '11')], () => undefined),
    Pacs008Error,
  );
  await assert.rejects(
    readPacs008(['<!DOCTYPE x [<!ENTITY a "b">]><x/>'], () => undefined),
    /DOCTYPE/,
  );
});

test('a bank posts a pacs.008: per-transaction outcomes, cards stored as hash + last four, idempotent', async () => {
  const bad: PacsFixtureTx[] = [
    { txId: 'PX-4', accepted: '2025-09-02T09:00:00+05:00', amount: '-5', debtor: { other: '+77010000003' }, creditor: { other: CARD } },
    { txId: 'PX-5', accepted: 'yesterday', amount: '10', debtor: { other: '+77010000003' }, creditor: { other: CARD } },
    {
      txId: 'PX-1',
      accepted: '2025-09-01T23:15:00+05:00',
      amount: '5000.00',
      debtor: { other: '+77010000001' },
      creditor: { other: CARD },
    },
  ];
  const res = await post(pacs008Xml([...good, ...bad]));
  assert.equal(res.statusCode, 200, res.body);
  const b = res.json();
  assert.equal(b.messageVersion, 8);
  assert.deepEqual(
    b.items.map((i: { txId: string; status: string }) => `${i.txId}:${i.status}`),
    ['PX-1:accepted', 'E2E-2:accepted', 'PX-3:accepted', 'PX-4:rejected', 'PX-5:rejected', 'PX-1:duplicate'],
  );
  assert.equal(b.items[3].error, 'amount must be positive');
  assert.match(b.items[4].error, /timestamp/);
  assert.ok(b.items[3].line > b.items[2].line, 'outcomes carry the line of their CdtTrfTxInf');
  assert.equal(await count(), 3);
  const row = await t.platform.db.selectFrom('pay_transactions').selectAll().where('tx_id', '=', 'PX-1').executeTakeFirstOrThrow();
  assert.equal(row.payee_last4, '1234');
  assert.notEqual(row.payee, CARD);
  assert.equal(row.channel, 'card_p2p');
  assert.equal(row.payer_bank, 'CASPKZKA');
  const again = await post(pacs008Xml(good), 'text/xml');
  assert.deepEqual([again.json().accepted, again.json().duplicates], [0, 3]);
  assert.equal(await count(), 3);
});

test('a malformed or foreign document writes nothing and says where it broke', async () => {
  const before = await count();
  const xml = pacs008Xml([{ ...good[0]!, txId: 'PX-9' }]).replace('</Dbtr>', '</Debtor>');
  const res = await post(xml);
  assert.equal(res.statusCode, 400);
  assert.match(res.json().detail, /line \d+, column \d+/);
  assert.equal(res.json().errors[0].code, 'malformed_xml');
  const truncated = await post(pacs008Xml([{ ...good[0]!, txId: 'PX-10' }]).slice(0, -40));
  assert.equal(truncated.statusCode, 400);
  const foreign = await post('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"><CstmrCdtTrfInitn/></Document>');
  assert.equal(foreign.statusCode, 400);
  assert.match(foreign.json().detail, /not a pacs\.008/);
  assert.equal(await count(), before);
  assert.equal((await post(pacs008Xml(good), 'application/xml', coordinator.headers)).statusCode, 403);
  const json = await t.app.inject({ method: 'POST', url: '/api/payments/transactions/pacs008', headers: bank.headers, payload: { a: 1 } });
  assert.equal(json.statusCode, 415);
  const huge = await post(`<Document>${' '.repeat(PACS008_BODY_LIMIT)}</Document>`);
  assert.equal(huge.statusCode, 413);
  const settlements = await t.app.inject({
    method: 'POST',
    url: '/api/settlements',
    headers: { ...coordinator.headers, 'content-type': 'application/xml' },
    payload: '<a/>',
  });
  assert.equal(settlements.statusCode, 415, 'other routes still refuse XML');
});

test('the CLI import streams a file in chunks; a malformed file writes nothing; a rerun only finds duplicates', async () => {
  const many: PacsFixtureTx[] = Array.from({ length: 250 }, (_, i) => ({
    txId: `F-${i}`,
    accepted: `2025-09-03T${String(10 + (i % 10)).padStart(2, '0')}:00:00+05:00`,
    amount: String(1000 + i),
    debtor: { other: `+7703${String(i).padStart(7, '0')}` },
    creditor: { other: i % 2 ? CARD : '+77010009999' },
    localInstrument: i === 7 ? 'teleport' : 'card_p2p',
  }));
  const file = path.join(dir, 'big.xml');
  fs.writeFileSync(file, pacs008Xml(many));
  const broken = path.join(dir, 'broken.xml');
  fs.writeFileSync(broken, pacs008Xml(many).replace('<TxId>F-200</TxId>', '<TxId>F-200</TxI>'));
  const before = await count();
  const lines: string[] = [];
  await assert.rejects(importPacs008File(t.platform, systemCtx, broken, { log: (l) => lines.push(l), chunkRows: 50 }), Pacs008Error);
  assert.equal(await count(), before, 'nothing written for a file that is not well-formed');
  const s = await importPacs008File(t.platform, systemCtx, file, { log: (l) => lines.push(l), chunkRows: 50 });
  assert.deepEqual([s.transactions, s.stored, s.rejected, s.chunks], [250, 250, 0, 5], 'unknown channel names fall back to bank_transfer');
  const s2 = await importPacs008File(t.platform, systemCtx, file, { log: (l) => lines.push(l), chunkRows: 50 });
  assert.deepEqual([s2.stored, s2.duplicates], [0, 250]);
  assert.equal(await count(), before + 250);
});
