import { buildServer, WEB_ROOT } from '../app.ts';
import { familySafetyDemoUsers } from '../modules/family-safety/index.ts';
import { demoUsers } from '../modules/identity/index.ts';
import { createTestPlatform } from './test-platform.ts';

/** The whole product on a fresh database with the demo data, listening on a random local port (browser tests). */
export async function startTestServer() {
  const platform = await createTestPlatform({ demo: true });
  const { app } = await buildServer(platform, { webRoot: WEB_ROOT, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    platform,
    demo: {
      users: [...demoUsers(platform.config.demoSeed, platform.registry), ...familySafetyDemoUsers(platform.config.demoSeed)].map((u) => ({
        username: u.username,
        password: u.password,
        role: u.role,
        totpSecret: u.totpSecret,
        regionCode: u.regionCode,
      })),
    },
    async close() {
      await app.close();
      await platform.close();
    },
  };
}
