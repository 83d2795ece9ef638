import path from 'node:path';
import { z } from 'zod';

const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  TARTIP_DATA_DIR: z.string().min(1).default('./.tartip'),
  TARTIP_LOG_LEVEL: LogLevel.default('info'),
  TARTIP_SESSION_TTL_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(8 * 60),
  TARTIP_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  TARTIP_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(1024 * 1024),
  TARTIP_SECURE_COOKIES: z.enum(['auto', 'true', 'false']).default('auto'),
  TARTIP_TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  TARTIP_AUTH_RATE_LIMIT: z.coerce.number().int().min(1).max(100000).default(10),
  TARTIP_DEMO_SEED: z.string().min(1).default('tartip-demo-2026'),
  TARTIP_PEPPER: z.string().min(16).optional(),
  // seconds between the graph passes behind real-time payment decisions (0: none)
  TARTIP_PAYMENTS_GRAPH_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
  // test setting only: lets the crawler reach loopback/private addresses (local test servers)
  TARTIP_CRAWLER_ALLOW_PRIVATE: z.enum(['true', 'false', '1', '0']).default('false'),
  // Ed25519 private key (PKCS#8 PEM) or its 32-byte seed as 64 hex chars; unset = derived from the secret key
  TARTIP_FEED_SIGNING_KEY: z
    .string()
    .refine((v) => /^[0-9a-fA-F]{64}$/.test(v.trim()) || v.includes('-----BEGIN PRIVATE KEY-----'), {
      message: 'TARTIP_FEED_SIGNING_KEY must be an Ed25519 PKCS#8 PEM private key or a 64-hex-character seed',
    })
    .optional(),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  dataDir: string;
  logLevel: z.infer<typeof LogLevel>;
  sessionTtlMinutes: number;
  sessionIdleMinutes: number;
  bodyLimitBytes: number;
  secureCookies: 'auto' | 'true' | 'false';
  trustProxy: boolean;
  authRateLimit: number;
  demoSeed: string;
  /** Secret mixed into keyed hashes (tokens, payment identifiers). From the environment in production. */
  pepper: string | undefined;
  /** Seconds between the graph passes behind real-time payment decisions (0: no graph pass). */
  paymentsGraphSeconds: number;
  /** Test setting: the crawler may fetch loopback/private addresses. Never in production. */
  crawlerAllowPrivate: boolean;
  /** Signing key of the ISP blocklist feed (PEM or hex seed); unset = derived from the platform's secret key. */
  feedSigningKey: string | undefined;
};

/** Reads configuration from the environment; throws a readable error naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  // an empty variable counts as unset (`DATABASE_URL= npm start` means the embedded default)
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    dataDir: path.resolve(e.TARTIP_DATA_DIR),
    logLevel: e.TARTIP_LOG_LEVEL,
    sessionTtlMinutes: e.TARTIP_SESSION_TTL_MINUTES,
    sessionIdleMinutes: e.TARTIP_SESSION_IDLE_MINUTES,
    bodyLimitBytes: e.TARTIP_BODY_LIMIT_BYTES,
    secureCookies: e.TARTIP_SECURE_COOKIES,
    trustProxy: e.TARTIP_TRUST_PROXY === 'true',
    authRateLimit: e.TARTIP_AUTH_RATE_LIMIT,
    demoSeed: e.TARTIP_DEMO_SEED,
    pepper: e.TARTIP_PEPPER,
    crawlerAllowPrivate: e.TARTIP_CRAWLER_ALLOW_PRIVATE === 'true' || e.TARTIP_CRAWLER_ALLOW_PRIVATE === '1',
    feedSigningKey: e.TARTIP_FEED_SIGNING_KEY,
    paymentsGraphSeconds: e.TARTIP_PAYMENTS_GRAPH_SECONDS,
    ...overrides,
  };
}
