import { Command, CommanderError } from 'commander';
import { bootPlatform, buildServer, MODULES, seedDemo } from '../app.ts';
import { CliError } from '../kernel/cli/cli.ts';
import { loadConfig, type Config } from '../kernel/config.ts';
import { redactUrl } from '../kernel/db/database.ts';
import type { Platform } from '../kernel/platform.ts';
import { VERSION } from '../modules/system/index.ts';

const log = (line: string) => process.stderr.write(`${line}\n`);

function config(): Config {
  try {
    return loadConfig();
  } catch (e) {
    throw new CliError((e as Error).message);
  }
}

async function open(log?: (line: string) => void): Promise<Platform> {
  const cfg = config();
  try {
    return await bootPlatform(cfg, log ? { log } : {});
  } catch (e) {
    throw new CliError((e as Error).message, 1);
  }
}

function where(cfg: Config): string {
  return cfg.databaseUrl ? `PostgreSQL at ${redactUrl(cfg.databaseUrl)}` : `embedded PostgreSQL (PGlite) in ${cfg.dataDir}`;
}

function printDemoLogins(p: Platform): void {
  log('Demo logins (SYNTHETIC data, for evaluation only; privileged roles need the TOTP code from the secret):');
  for (const u of p.modules.flatMap((m) => m.demoLogins?.(p.config.demoSeed, p) ?? [])) {
    log(
      `  ${u.username.padEnd(22)} ${u.password.padEnd(16)} ${u.role.padEnd(21)} ${(u.regionCode ?? 'national').padEnd(9)}${u.totpSecret ? ` TOTP secret: ${u.totpSecret}` : ''}`,
    );
  }
}

async function serve(opts: { demo: boolean; work: boolean }): Promise<void> {
  const cfg = config();
  log(`Tartip ${VERSION}: ${where(cfg)}`);
  const p = await open();
  const stop = async () => {
    log('Shutting down…');
    await app.close().catch(() => undefined);
    await p.close().catch(() => undefined);
    process.exit(0);
  };
  if (opts.demo) {
    const seeded = await seedDemo(p);
    if (seeded) log(`Loaded the synthetic demo data set (seed "${cfg.demoSeed}"):\n${seeded.join('\n')}`);
    printDemoLogins(p);
  }
  // On the embedded engine only one process may open the data folder, so it also runs the worker.
  const work = opts.work || p.handle.engine === 'pglite';
  await p.jobs.start({ work });
  const { app } = await buildServer(p);
  // before listening: a load balancer sends no traffic until the in-memory engines are rebuilt
  for (const m of p.modules) {
    const line = await m.warmUp?.(p);
    if (line) log(line);
  }
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  await app.listen({ port: cfg.port, host: cfg.host });
  const shown = cfg.host === '0.0.0.0' || cfg.host === '::' ? 'localhost' : cfg.host;
  log(`Data: ${cfg.databaseUrl ? redactUrl(cfg.databaseUrl) : cfg.dataDir}`);
  log(`Tartip is listening on http://${shown}:${cfg.port} (API docs: /api/docs${work ? ', background worker running' : ''})`);
}

/** The `tartip` command line. Modules add their own commands. */
export function buildProgram(): Command {
  const program = new Command();
  program
    .name('tartip')
    .description('Tartip — platform of the Interdepartmental Commission on Crime Prevention')
    .version(VERSION)
    .showHelpAfterError()
    .exitOverride();

  program
    .command('start')
    .description('Laptop/demo mode: migrate, load the synthetic demo data on first start, serve the web app and API, run the worker')
    .action(() => serve({ demo: true, work: true }));
  program
    .command('serve')
    .description('Serve the web app and API (production: run `tartip worker` beside it; on PGlite the worker runs in-process)')
    .option('--with-worker', 'also run background jobs in this process')
    .action((o: { withWorker?: boolean }) => serve({ demo: false, work: o.withWorker ?? false }));
  program
    .command('worker')
    .description('Run background jobs (needs DATABASE_URL: the embedded database allows one process)')
    .action(async () => {
      const cfg = config();
      if (!cfg.databaseUrl)
        throw new CliError(
          'tartip worker needs DATABASE_URL: on the embedded database `tartip start`/`serve` already run the worker in-process',
          2,
        );
      const p = await open();
      await p.jobs.start({ work: true });
      log(`Worker running on ${where(cfg)}: ${p.jobs.definitions.map((d) => d.name).join(', ')}`);
      const stop = async () => {
        await p.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
    });
  program
    .command('migrate')
    .description('Apply pending migrations of the kernel and every module')
    .action(async () => {
      let applied = 0;
      const p = await open((line) => {
        applied++;
        log(line);
      });
      await p.close();
      log(`${applied} migration(s) applied; ${where(config())} is up to date`);
    });
  program
    .command('seed')
    .description('Load data sets')
    .option('--demo', 'load the deterministic synthetic demo data set (once)')
    .action(async (o: { demo?: boolean }) => {
      if (!o.demo) throw new CliError('Nothing to seed: pass --demo');
      const p = await open();
      try {
        const seeded = await seedDemo(p);
        log(
          seeded ? `Loaded the synthetic demo data set:\n${seeded.join('\n')}` : 'The demo data set was already loaded; nothing changed.',
        );
        printDemoLogins(p);
      } finally {
        await p.close();
      }
    });
  for (const m of MODULES) m.cli?.(program, () => open());
  return program;
}

async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode === 0 ? 0 : 2;
      return;
    }
    if (e instanceof CliError) {
      process.stderr.write(`tartip: ${e.message}\n`);
      process.exitCode = e.exitCode;
      return;
    }
    process.stderr.write(`tartip: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 1;
  }
}

await main(process.argv);
