import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { SYSTEM_ACTOR } from './kernel/access/actor.ts';
import { recordAudit } from './kernel/audit/audit.ts';
import type { Config } from './kernel/config.ts';
import type { DatabaseHandle } from './kernel/db/database.ts';
import { buildHttpServer } from './kernel/http/server.ts';
import type { TartipModule } from './kernel/module.ts';
import { migratePlatform, openPlatform, seedReference, type Platform } from './kernel/platform.ts';
import { authService, identityModule } from './modules/identity/index.ts';
import { paymentsModule } from './modules/payments/index.ts';
import { onlineMarketsModule } from './modules/online-markets/index.ts';
import { referenceModule } from './modules/reference/index.ts';
import { settlementsModule } from './modules/settlements/index.ts';
import { familySafetyModule } from './modules/family-safety/index.ts';
import { systemModule, VERSION } from './modules/system/index.ts';

/** The modules of this installation, in dependency order (reference data first). Add new modules here. */
export const MODULES: readonly TartipModule[] = [
  referenceModule,
  identityModule,
  systemModule,
  settlementsModule,
  paymentsModule,
  onlineMarketsModule,
  familySafetyModule,
];

export const WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/web');

/** Opens, migrates and seeds reference data: a platform ready to serve. */
export async function bootPlatform(
  config: Config,
  opts: { handle?: DatabaseHandle; log?: (line: string) => void } = {},
): Promise<Platform> {
  const platform = await openPlatform(config, MODULES, opts.handle);
  try {
    await migratePlatform(platform, (id) => opts.log?.(`migrated ${id}`));
    await seedReference(platform);
  } catch (e) {
    await platform.close();
    throw e;
  }
  return platform;
}

/** Loads the synthetic demo data set once; returns null if it was already loaded. */
export async function seedDemo(platform: Platform): Promise<string[] | null> {
  return platform.db.transaction().execute(async (tx) => {
    const done = await tx.selectFrom('tartip_settings').select('value').where('key', '=', 'demo_seed').executeTakeFirst();
    if (done) return null;
    const lines: string[] = [];
    for (const m of platform.modules) {
      const r = await m.seedDemo?.(tx, platform, platform.config.demoSeed);
      lines.push(...(r?.lines ?? []));
    }
    await tx
      .insertInto('tartip_settings')
      .values({ key: 'demo_seed', value: sql`${JSON.stringify({ seed: platform.config.demoSeed, at: new Date().toISOString() })}::jsonb` })
      .execute();
    await recordAudit(
      tx,
      { actor: { ...SYSTEM_ACTOR, username: 'demo-seed' } },
      { action: 'demo.seeded', resourceType: 'installation', details: { seed: platform.config.demoSeed } },
    );
    return lines;
  });
}

export async function buildServer(platform: Platform, opts: { webRoot?: string | null; logger?: boolean } = {}) {
  return buildHttpServer(platform, {
    authenticator: authService(platform),
    webRoot: opts.webRoot === undefined ? WEB_ROOT : opts.webRoot,
    version: VERSION,
    ...(opts.logger !== undefined ? { logger: opts.logger } : {}),
  });
}
