import fs from 'node:fs';
import os from 'node:os';
import type { Command } from 'commander';
import { SYSTEM_ACTOR } from '../../kernel/access/actor.ts';
import { CliError, progress } from '../../kernel/cli/cli.ts';
import type { Platform } from '../../kernel/platform.ts';
import { IdentifierCodec } from './payments.identifiers.ts';
import { importTransactionsFile } from './payments.import.ts';
import { alertWriter } from './payments.alerts.ts';
import { connectNats, ensureStream, PartitionWorker, publishFile } from './payments.nats.ts';
import { HolderLinks } from './engine/links.ts';
import { followChanges, storedActiveRuleSet, storedLinks, storedWatchlist } from './payments.live.ts';
import { WatchInputSchema, type WatchInput } from './payments.schema.ts';
import { readCsvRecords, readLinks, resultLine } from './payments.score.ts';
import { addWatchEntries, importAccountLinks } from './payments.service.ts';

const log = (line: string) => process.stderr.write(`${line}\n`);
const cliContext = () => ({
  actor: { ...SYSTEM_ACTOR, username: `cli:${os.userInfo().username}` },
  requestId: `cli-${Date.now()}`,
  locale: 'en' as const,
});

function mustExist(file: string): void {
  if (!fs.existsSync(file)) throw new CliError(`No such file: ${file}`);
}

async function withPlatform<T>(open: () => Promise<Platform>, fn: (p: Platform) => Promise<T>): Promise<T> {
  const p = await open();
  try {
    return await fn(p);
  } finally {
    await p.close();
  }
}

/** Reads `identifier,type,source[,provenance]`; bad rows are reported by line and skipped. */
export function readWatchFile(file: string, report: (line: string) => void): WatchInput[] {
  const out: WatchInput[] = [];
  for (const { line, fields } of readCsvRecords(file)) {
    if (line === 1 && fields[0]?.toLowerCase() === 'identifier') continue;
    if (fields.length === 1 && fields[0] === '') continue;
    const [identifier, type, source, provenance] = fields;
    const r = WatchInputSchema.safeParse({ identifier, type: type?.toLowerCase(), source, provenance: provenance ?? `file ${file}` });
    if (r.success) out.push(r.data);
    else report(`line ${line}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}; row skipped`);
  }
  return out;
}

/** `tartip payments import|watchlist import|links import|publish|consume`: the commands that use the database or NATS. */
export function paymentsDbCli(cmd: Command, open: () => Promise<Platform>): void {
  cmd
    .command('import')
    .description('Load a transactions CSV into the database (COPY on PostgreSQL; idempotent by tx_id; rerun to resume)')
    .requiredOption('--transactions <file>', 'transactions CSV')
    .option('--source <name>', 'where the file came from (bank code)')
    .option('--chunk <rows>', 'rows per transaction')
    .action(async (o: { transactions: string; source?: string; chunk?: string }) => {
      mustExist(o.transactions);
      const chunkRows = o.chunk === undefined ? undefined : Number(o.chunk);
      if (chunkRows !== undefined && !(Number.isInteger(chunkRows) && chunkRows >= 1 && chunkRows <= 1_000_000))
        throw new CliError('--chunk must be 1..1000000');
      await withPlatform(open, async (p) => {
        const bar = progress('import', fs.statSync(o.transactions).size);
        const s = await importTransactionsFile(p, cliContext(), o.transactions, {
          log,
          ...(o.source ? { source: o.source } : {}),
          ...(chunkRows ? { chunkRows } : {}),
          onProgress: (d, t) => bar.update(d, t),
        }).finally(() => bar.stop());
        log(
          `payments import: ${s.rows} rows, ${s.inserted} stored, ${s.duplicates} duplicates, ${s.badRows} bad, ${s.chunks} chunks in ${s.seconds.toFixed(1)} s (${Math.round(s.rows / Math.max(s.seconds, 0.001))} rows/s)`,
        );
      });
    });
  cmd
    .command('watchlist')
    .description('Payments watchlist')
    .command('import')
    .description('Load identifier,type,source rows (stored as keyed hash + last four)')
    .argument('<file>', 'watchlist CSV')
    .action(async (file: string) => {
      mustExist(file);
      const rows = readWatchFile(file, log);
      await withPlatform(open, async (p) => {
        let added = 0;
        for (let i = 0; i < rows.length; i += 1000) added += (await addWatchEntries(p, cliContext(), rows.slice(i, i + 1000))).added;
        log(`payments watchlist import: ${added} added, ${rows.length - added} already present`);
      });
    });
  cmd
    .command('links')
    .description('KYC link feed: which accounts belong to one holder')
    .command('import')
    .description('Load account,holder rows from a bank (both stored as keyed hashes); the live engine scores linked accounts as one')
    .argument('<file>', 'links CSV')
    .requiredOption('--source <name>', 'the bank that sent the feed')
    .action(async (file: string, o: { source: string }) => {
      mustExist(file);
      const rows = readLinks(file, log);
      await withPlatform(open, async (p) => {
        const r = await importAccountLinks(p, cliContext(), rows, o.source);
        log(`payments links import: ${r.accounts} account(s) of ${r.holders} holder(s) stored, ${r.repeated} repeated row(s)`);
      });
    });
  cmd
    .command('publish')
    .description('Publish a transactions CSV to the NATS JetStream stream PAYMENTS (pseudonymised, partitioned by payee)')
    .argument('<file>', 'transactions CSV')
    .option('--nats <url>', 'NATS server', 'nats://127.0.0.1:4222')
    .option('--partitions <n>', 'partitions', '4')
    .action(async (file: string, o: { nats: string; partitions: string }) => {
      mustExist(file);
      const parts = Number(o.partitions);
      await withPlatform(open, async (p) => {
        const nc = await connectNats(o.nats);
        try {
          // a holder's accounts (KYC links) go to one partition; the workers load the same feed
          const links = new HolderLinks(await storedLinks(p.db), false);
          const s = await publishFile(nc, file, new IdentifierCodec(p.secrets), parts, log, undefined, links);
          log(`payments publish: ${s.rows} rows, ${s.published} messages, ${s.badRows} bad`);
        } finally {
          await nc.drain();
        }
      });
    });
  cmd
    .command('consume')
    .description('Score transactions from NATS JetStream: one durable consumer per partition, ack after apply')
    .option('--nats <url>', 'NATS server', 'nats://127.0.0.1:4222')
    .option('--partitions <n>', 'partitions', '4')
    .option('--only <list>', 'partitions this worker takes, e.g. 0,1 (default all)')
    .option('--idle-exit <seconds>', 'stop when nothing arrived for this long (else run until SIGINT/SIGTERM)')
    .option('--output <file>', 'write the flagged accounts (pseudonyms) as JSON lines on exit', '-')
    .action(async (o: { nats: string; partitions: string; only?: string; idleExit?: string; output: string }) => {
      const parts = Number(o.partitions);
      const mine = o.only ? o.only.split(',').map(Number) : [...Array(parts).keys()];
      if (mine.some((x) => !(x >= 0 && x < parts))) throw new CliError('--only lists partitions below --partitions');
      // the stored watchlist and the active rule set (not the shipped one), as the API's live scorer takes them
      const { watch, ruleSet, links } = await withPlatform(open, async (p) => ({
        watch: await storedWatchlist(p.db),
        ruleSet: await storedActiveRuleSet(p.db),
        links: await storedLinks(p.db),
      }));
      const nc = await connectNats(o.nats).catch((e: Error) => {
        throw new CliError(`Cannot reach NATS at ${o.nats}: ${e.message}`, 1);
      });
      await ensureStream(nc);
      const stop = new AbortController();
      for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => stop.abort());
      const workers = mine.map((k) => new PartitionWorker(k, parts, watch, undefined, undefined, new HolderLinks(links)));
      if (ruleSet) for (const w of workers) w.engine.useRuleSet(ruleSet);
      const idleMs = o.idleExit === undefined ? undefined : Number(o.idleExit) * 1000;
      // Alerts go to pay_alerts as accounts cross the flag threshold (the platform stays open meanwhile).
      // A rule set activated or watchlist entries added meanwhile (by any process) reach the workers too.
      await withPlatform(open, async (p) => {
        await followChanges(p, () => workers.map((w) => w.engine));
        await Promise.all(
          workers.map(async (w) => {
            await w.replay(nc);
            await w.run(nc, { signal: stop.signal, onAlert: alertWriter(p), ...(idleMs !== undefined ? { idleMs } : {}) });
          }),
        );
      });
      const lines = workers.flatMap((w) => w.results().filter((r) => r.flag)).map(resultLine);
      if (o.output === '-') process.stdout.write(lines.map((l) => `${l}\n`).join(''));
      else fs.writeFileSync(o.output, lines.map((l) => `${l}\n`).join(''));
      for (const w of workers) log(`partition ${w.partition}: ${JSON.stringify(w.stats)}`);
      await nc.drain();
    });
}
