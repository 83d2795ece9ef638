import type { Generated } from 'kysely';

declare module '../../kernel/db/schema.ts' {
  interface Database {
    organisations: OrganisationsTable;
    users: UsersTable;
    sessions: SessionsTable;
    auth_challenges: AuthChallengesTable;
    api_tokens: ApiTokensTable;
  }
}

export type OrganisationsTable = {
  id: Generated<string>;
  code: string;
  kind: string;
  name_kk: string;
  name_ru: string;
  name_en: string;
  region_code: string | null;
};
export type UsersTable = {
  id: Generated<string>;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  organisation_id: string;
  region_code: string | null;
  locale: Generated<string>;
  totp_secret_box: string | null;
  totp_last_step: number | null;
  is_active: Generated<boolean>;
  is_synthetic: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};
export type SessionsTable = {
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Date;
  revoked_at: Date | null;
  ip: string | null;
  user_agent: string | null;
};
export type AuthChallengesTable = {
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  attempts: Generated<number>;
  expires_at: Date;
  used_at: Date | null;
};
export type ApiTokensTable = {
  id: Generated<string>;
  name: string;
  token_hash: string;
  prefix: string;
  organisation_id: string;
  region_code: string | null;
  permissions: string[];
  created_by: string | null;
  created_at: Generated<Date>;
  last_used_at: Date | null;
  expires_at: Date | null;
  revoked_at: Date | null;
};
