import { z } from 'zod';
import type { TartipModule } from '../../kernel/module.ts';
import { caseExtraRoutes } from './case-extras.routes.ts';
import { caseRoutes } from './cases.routes.ts';
import { familySafetyDemoUsers, seedDemoFamilySafety } from './family-safety.demo.ts';
import { familySafetyMigrations } from './family-safety.migrations.ts';
import { familySafetyPolicy } from './family-safety.policy.ts';
import { partnerRoutes } from './partners.routes.ts';
import { seedInstruments } from './risk.ts';
import { runRetention } from './retention.service.ts';
import { runDailyFamilySafety } from './tasks.service.ts';

export { familySafetyDemoUsers };
export { nextSchoolDayStart, isSchoolDay } from './school-calendar.ts';

/**
 * Family safety (issue 5): the shared case file on domestic violence for the police specialised
 * units, Family Support Centres, schools, health and NGOs, each seeing only what it needs.
 */
export const familySafetyModule: TartipModule = {
  name: 'family-safety',
  migrations: familySafetyMigrations,
  policy: familySafetyPolicy,
  routes: (app, p) => {
    caseRoutes(app, p);
    caseExtraRoutes(app, p);
    partnerRoutes(app, p);
  },
  jobs: (p) => [
    {
      name: 'family-safety.daily',
      description: 'Expiry reminders for protective measures, expire ended measures, count overdue tasks',
      schema: z.object({}).passthrough(),
      cron: '0 1 * * *',
      handler: async () => runDailyFamilySafety(p),
    },
    {
      name: 'family-safety.retention',
      description: 'Delete closed cases past their retention period (rules.json), orphaned persons, old grants and keys',
      schema: z.object({}).passthrough(),
      cron: '30 1 * * *',
      handler: async () => runRetention(p),
    },
  ],
  seedReference: (tx) => seedInstruments(tx),
  seedDemo: (tx, p, seed) => seedDemoFamilySafety(tx, p, seed),
  demoLogins: (seed) => familySafetyDemoUsers(seed),
};
