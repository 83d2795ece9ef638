import type { Command } from 'commander';
import type { Policy } from './access/permissions.ts';
import type { Tx } from './db/database.ts';
import type { Migration } from './db/migrator.ts';
import type { HttpApp } from './http/types.ts';
import type { JobDef } from './jobs/jobs.ts';
import type { Platform } from './platform.ts';

/** What one module hands to the demo seeder, to print (demo logins) or to pass on. */
export type DemoSeedReport = { lines?: string[] };

/** A demo account a module creates; derived from the demo seed, printed at start for evaluators. */
export type DemoLogin = { username: string; password: string; role: string; regionCode: string | null; totpSecret: string | null };

/**
 * A domain module's public registration. The composition root (src/app.ts) lists the modules;
 * the kernel runs their migrations, registers their permissions, routes, jobs and CLI commands.
 */
export type TartipModule = {
  name: string;
  migrations?: readonly Migration[];
  policy?: Policy;
  routes?: (app: HttpApp, platform: Platform) => void;
  jobs?: (platform: Platform) => JobDef[];
  cli?: (program: Command, open: () => Promise<Platform>) => void;
  /**
   * Work a serving process does before it accepts requests (e.g. rebuilding an in-memory engine from the
   * database), so the first request does not wait for it. Answers a line for the start-up log.
   */
  warmUp?: (platform: Platform) => Promise<string | undefined>;
  /** Stops what the module runs beside requests (threads, timers) when the platform closes. */
  shutDown?: (platform: Platform) => Promise<void>;
  /** Reference data every installation needs; idempotent (runs on every start). */
  seedReference?: (tx: Tx, platform: Platform) => Promise<void>;
  /** Synthetic demo data; runs once, in module order, on an empty installation. */
  seedDemo?: (tx: Tx, platform: Platform, rngSeed: string) => Promise<DemoSeedReport>;
  /** The demo accounts that `seedDemo` creates (same seed → same logins). */
  demoLogins?: (rngSeed: string, platform: Platform) => DemoLogin[];
};
