import type { TokenRow, UserRow } from './identity.repository.ts';
import type { TokenView, UserView } from './identity.schema.ts';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function presentUser(r: UserRow): UserView {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    organisation: { id: r.org_id, code: r.org_code, name: { kk: r.org_name_kk, ru: r.org_name_ru, en: r.org_name_en } },
    regionCode: r.region_code,
    locale: r.locale as UserView['locale'],
    isActive: r.is_active,
    isSynthetic: r.is_synthetic,
    hasTotp: r.totp_secret_box !== null,
    createdAt: iso(r.created_at) ?? '',
  };
}

export function presentToken(r: TokenRow): TokenView {
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    organisation: { id: r.org_id, code: r.org_code, name: { kk: r.org_name_kk, ru: r.org_name_ru, en: r.org_name_en } },
    permissions: r.permissions,
    regionCode: r.region_code,
    createdAt: iso(r.created_at) ?? '',
    lastUsedAt: iso(r.last_used_at),
    expiresAt: iso(r.expires_at),
    revokedAt: iso(r.revoked_at),
  };
}
