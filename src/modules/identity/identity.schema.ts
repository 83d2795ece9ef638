import { z } from 'zod';
import { LocalizedSchema, RegionCodeSchema } from '../../kernel/http/schemas.ts';

export const LocaleSchema = z.enum(['kk', 'ru', 'en']);
const OrganisationRef = z.object({ id: z.string(), code: z.string(), name: LocalizedSchema });

export const SessionSchema = z
  .object({
    user: z.object({
      id: z.string(),
      username: z.string(),
      displayName: z.string(),
      role: z.string(),
      organisation: OrganisationRef,
      region: z.object({ code: z.string(), name: LocalizedSchema }).nullable(),
      locale: LocaleSchema,
    }),
    permissions: z.array(z.string()),
    csrfToken: z.string(),
    expiresAt: z.string(),
  })
  .meta({ id: 'Session' });
export type SessionView = z.infer<typeof SessionSchema>;

export const LoginBodySchema = z.strictObject({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});
export const TotpBodySchema = z.strictObject({
  challenge: z.string().min(10).max(200),
  code: z.string().regex(/^\d{6}$/, 'Six digits'),
});
export const LoginResponseSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ok'), session: SessionSchema }),
  z.object({ status: z.literal('totp_required'), challenge: z.string() }),
]);

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;
/** Password rules shared with the web form. */
export const PASSWORD_MIN = 12;

export const UserSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    role: z.string(),
    organisation: OrganisationRef,
    regionCode: z.string().nullable(),
    locale: LocaleSchema,
    isActive: z.boolean(),
    isSynthetic: z.boolean(),
    hasTotp: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'User' });
export type UserView = z.infer<typeof UserSchema>;

export const UserQuerySchema = z.strictObject({
  q: z.string().trim().max(100).optional(),
  region: RegionCodeSchema.optional(),
  role: z.string().max(64).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const CreateUserSchema = z.strictObject({
  username: z.string().trim().toLowerCase().regex(USERNAME, 'Lower-case letters, digits, dot, dash, underscore; 3–64 characters'),
  displayName: z.string().trim().min(2).max(200),
  password: z.string().min(PASSWORD_MIN).max(200),
  role: z.string().min(1).max(64),
  organisationCode: z.string().min(1).max(64),
  regionCode: RegionCodeSchema.nullable(),
  locale: LocaleSchema.default('ru'),
});
export type CreateUserInput = z.infer<typeof CreateUserSchema>;

export const OrganisationSchema = z
  .object({ id: z.string(), code: z.string(), kind: z.string(), name: LocalizedSchema, regionCode: z.string().nullable() })
  .meta({ id: 'Organisation' });

export const TokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    organisation: OrganisationRef,
    permissions: z.array(z.string()),
    regionCode: z.string().nullable(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiToken' });
export type TokenView = z.infer<typeof TokenSchema>;

export const CreateTokenSchema = z.strictObject({
  name: z.string().trim().min(2).max(200),
  organisationCode: z.string().min(1).max(64),
  permissions: z.array(z.string().max(100)).min(1).max(50),
  regionCode: RegionCodeSchema.nullable(),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export type CreateTokenInput = z.infer<typeof CreateTokenSchema>;
