import fs from 'node:fs';
import type { Command } from 'commander';
import type { Platform } from '../../kernel/platform.ts';
import { paymentsDbCli } from './payments.db-cli.ts';
import { CliError } from '../../kernel/cli/cli.ts';
import type { AccountResult } from './engine/types.ts';
import { readCsvRecords, scoreFile, scoreStream } from './payments.score.ts';
import { PaymentsEngine } from './engine/engine.ts';
import { DEFAULT_RULE_SET, RuleSetSchema, type RuleSet } from './engine/rule-set.ts';
import os from 'node:os';
import path from 'node:path';
import { evaluate } from './payments.evaluate.ts';
import { PaymentSimulator, type SimLabel } from './payments.sim.ts';
import { TX_COLUMNS } from './engine/csv.ts';

const log = (line: string) => process.stderr.write(`${line}\n`);

function int(name: string, v: string | undefined, dflt: number, max: number): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > max) throw new CliError(`--${name} must be an integer from 0 to ${max}`);
  return n;
}

/** Streams simulated rows to a file (or stdout) with back-pressure-free buffered writes. */
export function simulateToFiles(
  opts: { accounts: number; days: number; shops: number; seed: string; noise?: boolean; profile?: 'default' | 'alt' },
  output: string,
  labels?: string,
) {
  const fd = output === '-' ? 1 : fs.openSync(output, 'w');
  let buf = `${TX_COLUMNS.join(',')}\n`;
  const labelLines: string[] = ['account,role,subtype'];
  const sim = new PaymentSimulator(opts);
  const summary = sim.run({
    row: (line) => {
      buf += `${line}\n`;
      if (buf.length > 1 << 20) {
        fs.writeSync(fd, buf);
        buf = '';
      }
    },
    label: (l) => labelLines.push(`${l.account},${l.role},${l.subtype}`),
  });
  fs.writeSync(fd, buf);
  if (fd !== 1) fs.closeSync(fd);
  if (labels) fs.writeFileSync(labels, `${labelLines.join('\n')}\n`);
  return summary;
}

export function readLabels(file: string): Map<string, SimLabel> {
  const m = new Map<string, SimLabel>();
  for (const { line, fields } of readCsvRecords(file)) {
    if (line === 1 && fields[0] === 'account') continue;
    const [account, role, subtype] = fields;
    if (account && role) m.set(account, { account, role: role as SimLabel['role'], subtype: subtype ?? '' });
  }
  return m;
}

/** A rule set JSON file, validated (a bad one names the field and stops the command). */
function readRuleSet(file: string): RuleSet {
  if (!fs.existsSync(file)) throw new CliError(`No such file: ${file}`);
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new CliError(`${file}: not JSON (${(e as Error).message})`);
  }
  const r = RuleSetSchema.safeParse(json);
  if (!r.success) throw new CliError(`${file}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data;
}

/** `tartip payments …`: offline scoring, simulator and evaluator (no database), plus import and NATS workers. */
export function paymentsCli(program: Command, open: () => Promise<Platform>): void {
  const cmd = program.command('payments').description('Drug-money payment analysis');
  paymentsDbCli(cmd, open);
  cmd
    .command('score')
    .description('Score every account of a transactions CSV: one JSON line per account')
    .requiredOption(
      '--transactions <file>',
      'transactions CSV (tx_id,timestamp,payer_account,payee_account,amount,currency,channel,payer_bank,payee_bank)',
    )
    .option('--watchlist <file>', 'watchlist CSV (identifier,type,source)')
    .option('--links <file>', "KYC link feed CSV (account,holder): a holder's accounts are scored as one")
    .option('--output <file>', "where to write the JSON lines ('-' = stdout)", '-')
    .option('--threshold <score>', 'flag threshold (default 0.5)')
    .option('--rule-set <file>', 'rule set JSON to score with (default: the shipped one)')
    .option('--features <file>', 'debug dump keyed by HMAC + last four (never identifiers in clear)')
    .action(
      async (o: {
        transactions: string;
        watchlist?: string;
        links?: string;
        output: string;
        threshold?: string;
        features?: string;
        ruleSet?: string;
      }) => {
        for (const f of [o.transactions, o.watchlist, o.links, o.ruleSet])
          if (f && !fs.existsSync(f)) throw new CliError(`No such file: ${f}`);
        const threshold = o.threshold === undefined ? undefined : Number(o.threshold);
        if (threshold !== undefined && !(threshold >= 0 && threshold <= 1)) throw new CliError('--threshold must be within 0..1');
        await scoreFile(
          {
            transactions: o.transactions,
            output: o.output,
            ...(o.watchlist ? { watchlist: o.watchlist } : {}),
            ...(o.links ? { links: o.links } : {}),
            ...(o.ruleSet ? { ruleSet: readRuleSet(o.ruleSet) } : {}),
            ...(o.features ? { features: o.features } : {}),
            ...(threshold !== undefined ? { threshold } : {}),
          },
          log,
        );
      },
    );
  cmd
    .command('simulate')
    .description('Generate labelled SYNTHETIC transactions (deterministic by seed)')
    .option('--accounts <n>', 'accounts (people, merchants, look-alikes)', '5000')
    .option('--days <n>', 'days', '30')
    .option('--shops <n>', 'drug shops', '3')
    .option('--seed <seed>', 'seed', '1')
    .option('--profile <name>', "parameter profile: 'default' or 'alt' (independent-style)", 'default')
    .option('--output <file>', "transactions CSV ('-' = stdout)", '-')
    .option('--labels <file>', 'labels CSV (account,role,subtype)')
    .option('--noise', 'add a few bad rows, duplicates and out-of-order rows')
    .action(
      (o: {
        accounts: string;
        days: string;
        shops: string;
        seed: string;
        profile: string;
        output: string;
        labels?: string;
        noise?: boolean;
      }) => {
        if (o.profile !== 'default' && o.profile !== 'alt') throw new CliError("--profile must be 'default' or 'alt'");
        const s = simulateToFiles(
          {
            accounts: int('accounts', o.accounts, 5000, 5_000_000),
            days: int('days', o.days, 30, 366),
            shops: int('shops', o.shops, 3, 1000),
            seed: o.seed,
            noise: o.noise ?? false,
            profile: o.profile,
          },
          o.output,
          o.labels,
        );
        log(
          `payments simulate: ${s.rows} rows (+${s.badRows} bad, +${s.duplicates} duplicates), ${s.accounts} accounts, ${s.illicit} illicit (SYNTHETIC)`,
        );
      },
    );
  cmd
    .command('measure-rules')
    .description('Per-rule precision on the SIMULATOR: share of flagged accounts citing each rule that are illicit')
    .option('--rule-set <file>', 'rule set JSON to measure (default: the shipped data/rule-set.v3.json)')
    .option('--seeds <list>', 'simulator seeds', '1,2')
    .option('--profiles <list>', 'simulator profiles', 'default,alt')
    .option('--accounts <n>', 'accounts per run', '5000')
    .requiredOption('--output <file>', 'where to write the rule set with measuredPrecision filled in')
    .action(async (o: { ruleSet?: string; seeds: string; profiles: string; accounts: string; output: string }) => {
      const rs: RuleSet = o.ruleSet ? readRuleSet(o.ruleSet) : DEFAULT_RULE_SET;
      const counts = new Map<string, [number, number]>();
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tartip-measure-rules-'));
      const runs: string[] = [];
      try {
        for (const profile of o.profiles.split(',')) {
          if (profile !== 'default' && profile !== 'alt') throw new CliError("--profiles lists 'default' and/or 'alt'");
          for (const seed of o.seeds.split(',')) {
            const file = path.join(dir, 'tx.csv');
            const labelsFile = path.join(dir, 'labels.csv');
            simulateToFiles(
              { accounts: int('accounts', o.accounts, 5000, 1_000_000), days: 30, shops: 3, seed, profile, noise: true },
              file,
              labelsFile,
            );
            const labels = readLabels(labelsFile);
            const { results } = await scoreStream(fs.createReadStream(file), new PaymentsEngine({ ruleSet: rs }), () => undefined);
            for (const r of results) {
              if (!r.flag) continue;
              const isIllicit = (labels.get(r.account)?.role ?? 'benign') !== 'benign';
              for (const id of r.rules) {
                const c = counts.get(id) ?? [0, 0];
                c[0]++;
                if (isIllicit) c[1]++;
                counts.set(id, c);
              }
            }
            runs.push(`${profile}/${seed}`);
          }
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
      const measuredOn = `simulator ${runs.join(' ')}, ${o.accounts} accounts, ${new Date().toISOString().slice(0, 10)} (SYNTHETIC)`;
      const out: RuleSet = {
        ...rs,
        rules: rs.rules.map((r) => {
          const c = counts.get(r.id);
          return { ...r, measuredPrecision: c ? Math.round((c[1] / c[0]) * 1000) / 1000 : null, measuredOn };
        }),
      };
      fs.writeFileSync(o.output, `${JSON.stringify(RuleSetSchema.parse(out), null, 2)}\n`);
      for (const r of out.rules)
        log(`${r.id}: ${r.measuredPrecision ?? 'not cited'} (${counts.get(r.id)?.[0] ?? 0} flagged accounts cite it)`);
    });
  cmd
    .command('evaluate')
    .description('Precision/recall/F1 of score output against simulator labels')
    .requiredOption('--scores <file>', 'JSON lines from `payments score`')
    .requiredOption('--labels <file>', 'labels CSV from `payments simulate`')
    .action((o: { scores: string; labels: string }) => {
      const results = fs
        .readFileSync(o.scores, 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as AccountResult);
      process.stdout.write(`${JSON.stringify(evaluate(results, readLabels(o.labels)), null, 2)}\n`);
    });
}
