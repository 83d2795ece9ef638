import type { TartipModule } from '../../kernel/module.ts';
import type { Platform } from '../../kernel/platform.ts';
import { authRoutes } from './auth.routes.ts';
import { AuthService } from './auth.service.ts';
import { identityCli } from './identity.cli.ts';
import { demoUsers, seedDemoUsers, seedOrganisations } from './identity.demo.ts';
import { identityMigrations } from './identity.migrations.ts';
import { identityPolicy } from './identity.policy.ts';
import { deleteExpiredSessions } from './identity.repository.ts';
import { userRoutes } from './users.routes.ts';
import { z } from 'zod';

export { demoCredentials, demoUsers, type DemoUser } from './identity.demo.ts';
export { createUser, type CreatedUser } from './users.service.ts';
export { upsertOrganisation, findOrganisationByCode, findAccountFacts } from './identity.repository.ts';
export { currentTotp } from './crypto.ts';
export type { AuthService } from './auth.service.ts';
export { SESSION_COOKIE } from './auth.routes.ts';

const services = new WeakMap<Platform, AuthService>();

/** The platform's authenticator (one per platform, with its short in-memory cache). */
export function authService(p: Platform): AuthService {
  let s = services.get(p);
  if (!s) {
    s = new AuthService(p);
    services.set(p, s);
  }
  return s;
}

/** Organisations, users, roles, sessions with TOTP, API tokens. */
export const identityModule: TartipModule = {
  name: 'identity',
  migrations: identityMigrations,
  policy: identityPolicy,
  routes: (app, p) => {
    authRoutes(app, p, authService(p));
    userRoutes(app, p, authService(p));
  },
  jobs: (p) => [
    {
      name: 'identity.session-cleanup',
      description: 'Delete expired, idle and revoked sessions and old login challenges',
      schema: z.object({}).passthrough(),
      cron: '17 * * * *',
      handler: async () => ({ deleted: await deleteExpiredSessions(p.db, p.config.sessionIdleMinutes) }),
    },
  ],
  cli: identityCli,
  seedReference: (tx) => seedOrganisations(tx),
  seedDemo: (tx, p, seed) => seedDemoUsers(tx, p, seed),
  demoLogins: (seed, p) => demoUsers(seed, p.registry),
};
