import type { TartipModule } from '../../kernel/module.ts';
import { evidenceMigrations } from './evidence/migrations.ts';
import { evidenceRoutes } from './evidence/routes.ts';
import { feedCli } from './feed/cli.ts';
import { feedJobs } from './feed/jobs.ts';
import { feedRoutes } from './feed/routes.ts';
import { feedMigrations } from './feed/migrations.ts';
import { onlineMarketsCli } from './online-markets.cli.ts';
import { onlineMarketsPolicy } from './online-markets.policy.ts';
import { onlineMarketsDemoUsers, seedDemoOnlineMarkets } from './workflow/demo.ts';
import { workflowJobs } from './workflow/jobs.ts';
import { workflowMigrations } from './workflow/migrations.ts';
import { workflowRoutes } from './workflow/routes.ts';
import './workflow/tables.ts';

export { createScanner, documentText, featurise, type ScanDocument, type ScanResult, type ScanError, type Scanner } from './scan.ts';
export { scanLine, scanStream, MAX_LINE_BYTES, type StreamStats } from './scan-stream.ts';
export { extractIndicators, normaliseUrl, domainOf, type Indicator, type IndicatorType } from './indicators.ts';
export { extractionView, type Obfuscation } from './normalize.ts';
export { classifierView } from './normalize-words.ts';
export { htmlToText } from './html.ts';
export { registrableDomain } from './psl.ts';
export { loadModel, DEFAULT_MODEL_PATH, LABELS, type Label, type Model } from './model.ts';
export { SUBSTANCES, type Substance } from './lexicon.ts';

/**
 * Online drug markets (issue 3). Now: the offline scan pipeline (`tartip scan`: normalise, extract
 * indicators, classify) and its model (`tartip model train`). Later work plugs in here: resources
 * and indicators tables, the crawler and OCR as jobs, the review and blocking workflow as routes,
 * and the ISP feed — all reusing `createScanner` / `extractIndicators` from this surface.
 */
export const onlineMarketsModule: TartipModule = {
  name: 'online-markets',
  // order matters: evidence and feed tables reference the core tables
  migrations: [...workflowMigrations, ...evidenceMigrations, ...feedMigrations],
  policy: onlineMarketsPolicy,
  routes: (app, p) => {
    workflowRoutes(app, p);
    evidenceRoutes(app, p);
    feedRoutes(app, p);
  },
  jobs: (p) => [...workflowJobs(p), ...feedJobs(p)],
  // `scan` never calls `open`: it needs no database and no login
  seedDemo: (tx, p, seed) => seedDemoOnlineMarkets(tx, p, seed),
  demoLogins: (seed, p) => onlineMarketsDemoUsers(seed, p.registry),
  cli: (program, open) => {
    onlineMarketsCli(program);
    feedCli(program, open);
  },
};
