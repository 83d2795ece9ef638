import fs from 'node:fs';
import type { Readable } from 'node:stream';
import type { Command } from 'commander';
import { CliError } from '../../kernel/cli/cli.ts';
import { DEFAULT_MODEL_PATH, loadModel } from './model.ts';
import { createScanner } from './scan.ts';
import { SCAN_FULL_GC_EVERY, scanStream } from './scan-stream.ts';
import { DEFAULT_CORPUS_DIR, DEFAULT_MODEL_DIR, runTraining } from './train.ts';

/** `tartip scan` (offline: no database, no login) and `tartip model train`. */
export function onlineMarketsCli(program: Command): void {
  program
    .command('scan')
    .description(
      'Classify JSONL documents ({"id","text"|"url"|"html"}) as drug_ad / drug_recruitment / benign and extract indicators; offline',
    )
    .argument('[file]', 'JSONL file, or - for standard input', '-')
    .option('--model <path>', 'model file', DEFAULT_MODEL_PATH)
    .action(async (file: string, o: { model: string }) => {
      let model;
      try {
        model = loadModel(o.model);
      } catch (e) {
        throw new CliError(`cannot load the model: ${(e as Error).message}`, 1);
      }
      let input: Readable = process.stdin;
      if (file !== '-') {
        try {
          fs.accessSync(file, fs.constants.R_OK);
        } catch {
          throw new CliError(`cannot read ${file}`);
        }
        input = fs.createReadStream(file);
      }
      process.stdout.on('error', (e: NodeJS.ErrnoException) => {
        if (e.code === 'EPIPE') process.exit(0);
        throw e;
      });
      const stats = await scanStream(createScanner(model), input, process.stdout, { fullGcEvery: SCAN_FULL_GC_EVERY });
      if (stats.errors > 0)
        process.stderr.write(`tartip scan: ${stats.documents} document(s) scanned, ${stats.errors} bad line(s) reported inline\n`);
    });

  const model = program.command('model').description('Online-markets classifier');
  model
    .command('train')
    .description('Train, calibrate and evaluate the classifier from the labelled corpus; writes the model and its evaluation report')
    .option('--corpus <dir>', 'corpus folder (*.jsonl)', DEFAULT_CORPUS_DIR)
    .option('--out <dir>', 'output folder for classifier-v1.json and evaluation-v1.{md,json}', DEFAULT_MODEL_DIR)
    .option('--trained-at <date>', 'training date recorded in the model (fixed so that retraining is reproducible)', '2026-03-01')
    .option('--limit <n>', 'use only the first n documents of each file (quick checks)')
    .action(async (o: { corpus: string; out: string; trainedAt: string; limit?: string }) => {
      const limit = o.limit === undefined ? undefined : Number(o.limit);
      if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new CliError('--limit must be a positive integer');
      if (!fs.existsSync(o.corpus)) throw new CliError(`corpus folder ${o.corpus} does not exist`);
      const r = await runTraining({
        corpusDir: o.corpus,
        outDir: o.out,
        trainedAt: o.trainedAt,
        ...(limit ? { limit } : {}),
        log: (l) => process.stderr.write(`${l}\n`),
      });
      process.stdout.write(`${r.summary}\n`);
    });
}
