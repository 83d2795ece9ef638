import fs from 'node:fs';
import os from 'node:os';
import type { Command } from 'commander';
import { SYSTEM_ACTOR } from '../../kernel/access/actor.ts';
import { CliError } from '../../kernel/cli/cli.ts';
import type { Platform } from '../../kernel/platform.ts';
import { Pacs008Error } from './pacs008.parser.ts';
import { importPacs008File } from './pacs008.service.ts';

const log = (line: string) => process.stderr.write(`${line}\n`);

/** `tartip payments import-pacs008 FILE`: streams an ISO 20022 pacs.008 file into the database. */
export function pacs008Cli(program: Command, open: () => Promise<Platform>): void {
  const cmd = program.commands.find((c) => c.name() === 'payments') ?? program.command('payments');
  cmd
    .command('import-pacs008')
    .description('Load an ISO 20022 pacs.008 XML file (streamed; a malformed file writes nothing; idempotent by tx id)')
    .argument('<file>', 'pacs.008 XML file')
    .option('--source <name>', 'where the file came from (bank code)')
    .option('--chunk <rows>', 'transactions per database transaction', '5000')
    .action(async (file: string, o: { source?: string; chunk: string }) => {
      if (!fs.existsSync(file)) throw new CliError(`No such file: ${file}`);
      const chunkRows = Number(o.chunk);
      if (!(Number.isInteger(chunkRows) && chunkRows >= 1 && chunkRows <= 100_000)) throw new CliError('--chunk must be 1..100000');
      const p = await open();
      try {
        const ctx = {
          actor: { ...SYSTEM_ACTOR, username: `cli:${os.userInfo().username}` },
          requestId: `cli-${Date.now()}`,
          locale: 'en' as const,
        };
        const s = await importPacs008File(p, ctx, file, { log, chunkRows, ...(o.source ? { source: o.source } : {}) });
        log(
          `payments import-pacs008: pacs.008.001.${String(s.version).padStart(2, '0')}, ${s.transactions} transactions, ${s.stored} stored, ${s.duplicates} duplicates, ${s.rejected} rejected, ${s.chunks} chunks in ${s.seconds.toFixed(1)} s`,
        );
      } catch (e) {
        if (e instanceof Pacs008Error) throw new CliError(`${e.message}; nothing was written`);
        throw e;
      } finally {
        await p.close();
      }
    });
}
