import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { verifyAuditChain } from '../../kernel/audit/audit.ts';
import { systemCtx } from '../../testing/factories.ts';
import { createTestPlatform, onServer, type TestPlatform } from '../../testing/test-platform.ts';
import { simulateToFiles } from './payments.cli.ts';
import { readWatchFile } from './payments.db-cli.ts';
import { importTransactionsFile } from './payments.import.ts';
import { isIssue, parseTxFields } from './engine/csv.ts';
import { IdentifierCodec } from './payments.identifiers.ts';
import { TX_TABLE_COLUMNS } from './payments.repository.ts';
import { addWatchEntries, toRow } from './payments.service.ts';

let p: TestPlatform;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tartip-pay-import-'));
before(async () => {
  p = await createTestPlatform();
});
after(async () => {
  await p.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const header = 'tx_id,timestamp,payer_account,payee_account,amount,currency,channel,payer_bank,payee_bank';

test('a file loads in chunks, bad rows are reported by line, card numbers are stored as keyed hash + last four', async () => {
  const file = path.join(dir, 'tx.csv');
  fs.writeFileSync(
    file,
    [
      header,
      'A1,2025-09-01T10:00:00+05:00,4400123412341234,+77011234567,5000,KZT,card_p2p,KASPI,HALYK',
      'A2,2025-09-01T10:01:00+05:00,+77011234567,5500 1234 5678 9012,4900,KZT,phone_transfer,HALYK,KASPI',
      'A3,not-a-time,+77011234567,+77019999999,10,KZT,card_p2p,HALYK,KASPI',
      'A1,2025-09-01T10:00:00+05:00,4400123412341234,+77011234567,5000,KZT,card_p2p,KASPI,HALYK',
      'A4,2025-09-01T10:02:00+05:00,"tab\tand\\\\back",CASH,100,KZT,cash_withdrawal,HALYK,',
      '',
    ].join('\n'),
  );
  const lines: string[] = [];
  const s = await importTransactionsFile(p, systemCtx, file, { log: (l) => lines.push(l), chunkRows: 2 });
  assert.equal(s.rows, 5);
  assert.equal(s.badRows, 1);
  assert.equal(s.inserted, 3);
  assert.equal(s.duplicates, 1);
  assert.deepEqual(lines, ['line 4: bad timestamp (expected ISO 8601 with offset); row skipped']);
  const rows = await p.db.selectFrom('pay_transactions').selectAll().orderBy('tx_id').execute();
  assert.equal(rows.length, 3);
  assert.equal(rows[0]?.payer_last4, '1234');
  assert.match(rows[0]?.payer ?? '', /^[0-9a-f]{64}$/);
  assert.equal(rows[0]?.payee, '+77011234567');
  assert.equal(rows[1]?.payee_last4, '9012');
  assert.equal(rows[2]?.payer, 'tab\tand\\\\back');
  const dump = JSON.stringify(rows);
  assert.ok(!dump.includes('4400123412341234') && !dump.includes('5678 9012'), 'no card number in clear');
  const again = await importTransactionsFile(p, systemCtx, file, { log: () => undefined });
  assert.equal(again.inserted, 0);
  assert.equal(again.duplicates, 4);
  const audits = await p.db.selectFrom('audit_log').select('action').where('action', '=', 'payment_tx.import').execute();
  assert.ok(audits.length >= 3);
  assert.equal((await verifyAuditChain(p.db)).ok, true);
});

test('every column is stored as the row was read (COPY line order = TX_TABLE_COLUMNS)', async () => {
  const file = path.join(dir, 'columns.csv');
  const rows = [
    'C1,2025-09-01T10:00:00.250+05:00,4400123412341234,KZ12HSBK0000000000000001,5000.5,KZT,card_p2p,KASPI,HALYK',
    'C2,2025-09-02T23:59:59Z,+77011234567,CASH,12,USD,cash_withdrawal,HALYK,',
  ];
  fs.writeFileSync(file, [header, ...rows].join('\n'));
  await importTransactionsFile(p, systemCtx, file, { log: () => undefined, source: 'BANK-X' });
  const codec = new IdentifierCodec(p.secrets);
  const stored = await p.db.selectFrom('pay_transactions').selectAll().where('tx_id', 'in', ['C1', 'C2']).orderBy('tx_id').execute();
  assert.equal(stored.length, 2);
  rows.forEach((text, i) => {
    const tx = parseTxFields(text.split(','), i + 2);
    assert.ok(!isIssue(tx));
    const want = toRow(tx, codec, 'BANK-X', stored[i]?.batch_id ?? '');
    const got = stored[i] as unknown as Record<string, unknown>;
    for (const c of TX_TABLE_COLUMNS) {
      const g = got[c];
      if (c === 'ts') assert.equal(new Date(g as string).toISOString(), want.ts, c);
      else if (c === 'amount') assert.equal(Number(g), Number(want.amount), c);
      else assert.equal(g, want[c], c);
    }
  });
  assert.match(stored[0]?.batch_id ?? '', /^columns\.csv@/);
});

test('a PostgreSQL bulk load leaves the parties index merged, so a live decision never merges it', { skip: !onServer }, async () => {
  const file = path.join(dir, 'merge.csv');
  simulateToFiles({ accounts: 200, days: 3, shops: 1, seed: 'merge' }, file);
  const s = await importTransactionsFile(p, systemCtx, file, { log: () => undefined, chunkRows: 500 });
  assert.ok(s.inserted > 1000);
  const r = await sql<{ pages: string }>`select gin_clean_pending_list('pay_transactions_parties_gin'::regclass)::text as pages`.execute(
    p.db,
  );
  assert.equal(r.rows[0]?.pages, '0', 'no pending pages left after the import');
  await sql`delete from pay_transactions where batch_id like 'merge.csv%'`.execute(p.db); // its tx_ids are the next test's
});

test('simulated data imports completely on this engine, and a rerun after a failure resumes by idempotency', async () => {
  const file = path.join(dir, 'sim.csv');
  const sim = simulateToFiles({ accounts: 300, days: 5, shops: 1, seed: 'imp', noise: true }, file);
  const s = await importTransactionsFile(p, systemCtx, file, { log: () => undefined, chunkRows: 1000 });
  assert.equal(s.inserted, sim.rows);
  assert.equal(s.badRows, sim.badRows);
  // a partial earlier load (first chunk only) followed by the full run counts the rest once
  await sql`delete from pay_transactions where tx_id > 'T0000500'`.execute(p.db);
  const r = await importTransactionsFile(p, systemCtx, file, { log: () => undefined, chunkRows: 1000 });
  const n = await p.db
    .selectFrom('pay_transactions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('batch_id', 'like', 'sim.csv%')
    .executeTakeFirstOrThrow();
  assert.equal(Number(n.n), sim.rows);
  assert.equal(r.inserted + r.duplicates, sim.rows + sim.duplicates);
});

test('watchlist files load as keyed hash + last four, bad rows reported', async () => {
  const file = path.join(dir, 'watch.csv');
  fs.writeFileSync(file, 'identifier,type,source\n4400 1111 2222 3333,card,AFM grey list\n+77015550000,phone,ads\n,card,x\n');
  const lines: string[] = [];
  const rows = readWatchFile(file, (l) => lines.push(l));
  assert.equal(rows.length, 2);
  assert.match(lines[0] ?? '', /^line 4: identifier/);
  const r = await addWatchEntries(p, systemCtx, rows);
  assert.equal(r.added, 2);
  assert.equal((await addWatchEntries(p, systemCtx, rows)).added, 0);
  const stored = await p.db.selectFrom('pay_watchlist').selectAll().execute();
  assert.ok(!JSON.stringify(stored).includes('1111 2222') && !JSON.stringify(stored).includes('5550000'));
  assert.deepEqual(stored.map((s) => s.identifier_last4).sort(), ['0000', '3333']);
});
