import os from 'node:os';
import type { Command } from 'commander';
import { SYSTEM_ACTOR } from '../../kernel/access/actor.ts';
import { parseOrExit } from '../../kernel/cli/cli.ts';
import type { Platform } from '../../kernel/platform.ts';
import { CreateTokenSchema, CreateUserSchema } from './identity.schema.ts';
import { randomToken } from './crypto.ts';
import { createToken } from './tokens.service.ts';
import { createUser } from './users.service.ts';

const cliContext = () => ({
  actor: { ...SYSTEM_ACTOR, username: `cli:${os.userInfo().username}` },
  requestId: `cli-${Date.now()}`,
  locale: 'en' as const,
});

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export function identityCli(program: Command, open: () => Promise<Platform>): void {
  const user = program.command('user').description('Manage user accounts');
  user
    .command('add')
    .description('Create a user; prints a generated password (and TOTP secret for privileged roles) once')
    .requiredOption('--username <name>', 'login name (lower-case)')
    .requiredOption('--name <display>', 'full name')
    .requiredOption('--role <role>', 'role, e.g. regional_coordinator')
    .requiredOption('--org <code>', 'organisation code, e.g. MIA or AKIMAT-KZ-71')
    .option('--region <code>', 'region code (KZ-xx) for regional roles')
    .option('--locale <kk|ru|en>', 'interface language', 'ru')
    .option('--password-stdin', 'read the password from standard input instead of generating one')
    .action(
      async (o: {
        username: string;
        name: string;
        role: string;
        org: string;
        region?: string;
        locale: string;
        passwordStdin?: boolean;
      }) => {
        const password = o.passwordStdin ? await readStdin() : `${randomToken(12)}`;
        const input = parseOrExit(CreateUserSchema, {
          username: o.username,
          displayName: o.name,
          password,
          role: o.role,
          organisationCode: o.org,
          regionCode: o.region ?? null,
          locale: o.locale,
        });
        const p = await open();
        try {
          const r = await createUser(p, cliContext(), input);
          process.stdout.write(`Created user ${r.user.username} (${r.user.role}, ${r.user.regionCode ?? 'national'})\n`);
          if (!o.passwordStdin) process.stdout.write(`Password (shown once): ${password}\n`);
          if (r.totpUri) process.stdout.write(`TOTP secret (shown once): ${r.totpSecret}\nTOTP URI: ${r.totpUri}\n`);
        } finally {
          await p.close();
        }
      },
    );

  const token = program.command('token').description('Manage API tokens of machine clients');
  token
    .command('create')
    .description('Issue an API token; it is printed once and stored only as a hash')
    .requiredOption('--name <name>', 'what the client is, e.g. "Kazakhtelecom blocklist sync"')
    .requiredOption('--org <code>', 'organisation code')
    .requiredOption('--permissions <list>', 'comma-separated permissions, e.g. reference.read')
    .option('--region <code>', 'limit to one region (KZ-xx)')
    .option('--expires-days <n>', 'expiry in days')
    .action(async (o: { name: string; org: string; permissions: string; region?: string; expiresDays?: string }) => {
      const input = parseOrExit(CreateTokenSchema, {
        name: o.name,
        organisationCode: o.org,
        permissions: o.permissions
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
        regionCode: o.region ?? null,
        ...(o.expiresDays ? { expiresInDays: Number(o.expiresDays) } : {}),
      });
      const p = await open();
      try {
        const r = await createToken(p, cliContext(), input);
        process.stdout.write(`Token ${r.record.id} for ${r.record.organisation.code}: ${r.record.permissions.join(', ')}\n${r.token}\n`);
      } finally {
        await p.close();
      }
    });
}
