import type { TartipModule } from '../../kernel/module.ts';
import { seedDemoSettlements } from './settlements.demo.ts';
import { settlementsMigrations } from './settlements.migrations.ts';
import { settlementRoutes } from './settlements.routes.ts';

export { SettlementSchema, CreateSettlementSchema, UpdateSettlementSchema } from './settlements.schema.ts';

/**
 * Sober settlements: villages whose community commits to sobriety (546 in February 2026).
 * Also the reference example of a module: list/filters/pagination, record page, form, optimistic locking.
 */
export const settlementsModule: TartipModule = {
  name: 'settlements',
  migrations: settlementsMigrations,
  policy: {
    permissions: {
      'settlements.read': { description: 'See sober settlements (own region for regional roles)', tokenGrantable: true },
      'settlements.write': { description: 'Register and update sober settlements of own region' },
    },
    grants: {
      commission_admin: ['settlements.read'],
      commission_member: ['settlements.read'],
      auditor: ['settlements.read'],
      regional_coordinator: ['settlements.read', 'settlements.write'],
      police_officer: ['settlements.read'],
    },
  },
  routes: settlementRoutes,
  seedDemo: (tx, _p, seed) => seedDemoSettlements(tx, seed),
};
