import type { Actor } from '../../kernel/access/actor.ts';
import { recordAudit, type AuditContext } from '../../kernel/audit/audit.ts';
import { AppError } from '../../kernel/errors.ts';
import type { Authenticator } from '../../kernel/http/types.ts';
import { isLocale, type Locale } from '../../kernel/i18n/i18n.ts';
import type { Platform } from '../../kernel/platform.ts';
import { regionByCode } from '../reference/index.ts';
import { checkTotp, dummyPasswordHash, randomToken, sha256, verifyPassword } from './crypto.ts';
import * as repo from './identity.repository.ts';
import type { SessionView } from './identity.schema.ts';

const LOCK_AFTER = 5;
const LOCK_MINUTES = 15;
const CHALLENGE_MINUTES = 5;
const CHALLENGE_ATTEMPTS = 5;
/** How long an authenticated session or token is trusted from memory before the database is asked again. */
const CACHE_MS = 2000;
const TOUCH_MS = 60_000;

const anonymous = (username: string): Actor => ({
  kind: 'user',
  userId: null,
  tokenId: null,
  username,
  organisationId: null,
  organisationCode: null,
  role: 'anonymous',
  regionCode: null,
  permissions: new Set(),
  sessionId: null,
});

export type LoginResult = { status: 'ok'; sessionToken: string; session: SessionView } | { status: 'totp_required'; challenge: string };
type ClientInfo = { ip: string | null; userAgent: string | null; requestId: string };

type CachedAuth = { at: number; value: Awaited<ReturnType<Authenticator['authenticate']>> };

/** Logins, second factor, sessions and the request authenticator. */
export class AuthService implements Authenticator {
  readonly #p: Platform;
  readonly #cache = new Map<string, CachedAuth>();

  constructor(platform: Platform) {
    this.#p = platform;
  }

  async login(username: string, password: string, client: ClientInfo): Promise<LoginResult> {
    const { db } = this.#p;
    const user = await repo.findUserForLogin(db, username);
    const ok = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), password);
    const locked = user?.locked_until && new Date(user.locked_until).getTime() > Date.now();
    if (!user || !ok || !user.is_active || locked) {
      await db.transaction().execute(async (tx) => {
        if (user && !ok) await repo.recordFailedLogin(tx, user.id, LOCK_AFTER, LOCK_MINUTES);
        await recordAudit(
          tx,
          { actor: anonymous(username.slice(0, 100)), requestId: client.requestId },
          {
            action: 'auth.login_failed',
            resourceType: 'user',
            resourceId: user?.id ?? null,
            details: { reason: !user ? 'unknown_user' : !ok ? 'wrong_password' : locked ? 'locked' : 'inactive', ip: client.ip },
          },
        );
      });
      throw new AppError('invalid_credentials', 'Wrong username or password');
    }
    const role = this.#p.registry.role(user.role);
    if (role?.privileged) {
      if (!user.totp_secret_box)
        throw new AppError('forbidden', 'This role needs a second factor that is not enrolled; ask an administrator');
      const challenge = randomToken();
      await repo.insertChallenge(db, sha256(challenge), user.id, new Date(Date.now() + CHALLENGE_MINUTES * 60_000));
      return { status: 'totp_required', challenge };
    }
    return this.#openSession(user.id, client, 'password');
  }

  async verifyTotp(challenge: string, code: string, client: ClientInfo): Promise<LoginResult> {
    const { db, secrets } = this.#p;
    const ch = await repo.findChallenge(db, sha256(challenge));
    if (!ch || ch.used_at || new Date(ch.expires_at).getTime() < Date.now() || ch.attempts >= CHALLENGE_ATTEMPTS) {
      throw new AppError('invalid_totp', 'Challenge expired or used; log in again');
    }
    const user = await db
      .selectFrom('users')
      .select(['id', 'username', 'totp_secret_box', 'totp_last_step'])
      .where('id', '=', ch.user_id)
      .executeTakeFirstOrThrow();
    const step = user.totp_secret_box ? checkTotp(secrets.decrypt(user.totp_secret_box), code) : null;
    const replay = step !== null && user.totp_last_step !== null && step <= Number(user.totp_last_step);
    if (step === null || replay) {
      await db.transaction().execute(async (tx) => {
        await repo.bumpChallenge(tx, ch.id, false);
        await recordAudit(
          tx,
          { actor: anonymous(user.username), requestId: client.requestId },
          { action: 'auth.totp_failed', resourceType: 'user', resourceId: user.id, details: { replay, ip: client.ip } },
        );
      });
      throw new AppError('invalid_totp', 'Wrong or already used code');
    }
    await repo.bumpChallenge(db, ch.id, true);
    await repo.setTotpLastStep(db, user.id, step);
    return this.#openSession(user.id, client, 'password+totp');
  }

  async #openSession(userId: string, client: ClientInfo, method: string): Promise<LoginResult> {
    const { db, config } = this.#p;
    const token = randomToken();
    const csrf = randomToken(24);
    const expiresAt = new Date(Date.now() + config.sessionTtlMinutes * 60_000);
    await db.transaction().execute(async (tx) => {
      await repo.resetFailedLogins(tx, userId);
      const s = await repo.insertSession(tx, {
        tokenHash: sha256(token),
        userId,
        csrf,
        expiresAt,
        ip: client.ip,
        userAgent: client.userAgent,
      });
      const row = await repo.findSessionActor(tx, sha256(token));
      if (!row) throw new Error('session vanished');
      await recordAudit(
        tx,
        { actor: this.#actorFromSession(row), requestId: client.requestId },
        {
          action: 'auth.login',
          resourceType: 'session',
          resourceId: s.id,
          regionCode: row.region_code,
          details: { method, ip: client.ip },
        },
      );
    });
    const row = await repo.findSessionActor(db, sha256(token));
    if (!row) throw new Error('session vanished');
    return { status: 'ok', sessionToken: token, session: this.presentSession(row) };
  }

  async logout(sessionToken: string, ctx: AuditContext): Promise<void> {
    const hash = sha256(sessionToken);
    const row = await repo.findSessionActor(this.#p.db, hash);
    this.#cache.delete(`s:${hash}`);
    if (!row) return;
    await this.#p.db.transaction().execute(async (tx) => {
      await repo.revokeSession(tx, row.session_id);
      await recordAudit(tx, ctx, { action: 'auth.logout', resourceType: 'session', resourceId: row.session_id });
    });
  }

  async sessionView(sessionToken: string): Promise<SessionView | null> {
    const row = await repo.findSessionActor(this.#p.db, sha256(sessionToken));
    return row && !row.revoked_at ? this.presentSession(row) : null;
  }

  presentSession(row: repo.SessionActorRow): SessionView {
    const region = row.region_code ? regionByCode(row.region_code) : undefined;
    return {
      user: {
        id: row.user_id,
        username: row.username,
        displayName: row.display_name,
        role: row.role,
        organisation: { id: row.org_id, code: row.org_code, name: { kk: row.org_name_kk, ru: row.org_name_ru, en: row.org_name_en } },
        region: region ? { code: region.code, name: region.name } : null,
        locale: (isLocale(row.locale) ? row.locale : 'ru') as Locale,
      },
      permissions: [...this.#p.registry.permissionsOf(row.role)].sort(),
      csrfToken: row.csrf_token,
      expiresAt: new Date(row.expires_at).toISOString(),
    };
  }

  #actorFromSession(row: repo.SessionActorRow): Actor {
    return {
      kind: 'user',
      userId: row.user_id,
      tokenId: null,
      username: row.username,
      organisationId: row.org_id,
      organisationCode: row.org_code,
      role: row.role,
      regionCode: row.region_code,
      permissions: this.#p.registry.permissionsOf(row.role),
      sessionId: row.session_id,
    };
  }

  /** Forgets cached authentications (after logout, revocation, deactivation). */
  invalidate(): void {
    this.#cache.clear();
  }

  async authenticate(req: Parameters<Authenticator['authenticate']>[0]): ReturnType<Authenticator['authenticate']> {
    const header = req.headers.authorization;
    if (typeof header === 'string' && header.toLowerCase().startsWith('bearer '))
      return this.#cached(`t:${sha256(header.slice(7).trim())}`);
    const cookie = req.cookies.tartip_session;
    if (cookie) return this.#cached(`s:${sha256(cookie)}`);
    return null;
  }

  async #cached(key: string): ReturnType<Authenticator['authenticate']> {
    const hit = this.#cache.get(key);
    const now = Date.now();
    if (hit && now - hit.at < CACHE_MS) return hit.value;
    const value = key.startsWith('t:') ? await this.#byToken(key.slice(2)) : await this.#bySession(key.slice(2));
    if (this.#cache.size > 10_000) this.#cache.clear();
    this.#cache.set(key, { at: now, value });
    return value;
  }

  async #bySession(hash: string): ReturnType<Authenticator['authenticate']> {
    const { db, config } = this.#p;
    const row = await repo.findSessionActor(db, hash);
    if (!row || row.revoked_at || !row.is_active) return row ? { error: 'session_expired' } : null;
    const now = Date.now();
    const idleLimit = new Date(row.last_seen_at).getTime() + config.sessionIdleMinutes * 60_000;
    if (new Date(row.expires_at).getTime() < now || idleLimit < now) return { error: 'session_expired' };
    if (now - new Date(row.last_seen_at).getTime() > TOUCH_MS) await repo.touchSession(db, row.session_id);
    return {
      actor: this.#actorFromSession(row),
      via: 'session',
      csrfToken: row.csrf_token,
      locale: isLocale(row.locale) ? row.locale : null,
    };
  }

  async #byToken(hash: string): ReturnType<Authenticator['authenticate']> {
    const { db, registry } = this.#p;
    const row = await repo.findTokenActor(db, hash);
    if (!row || row.revoked_at || (row.expires_at && new Date(row.expires_at).getTime() < Date.now())) return { error: 'invalid_token' };
    if (!row.last_used_at || Date.now() - new Date(row.last_used_at).getTime() > TOUCH_MS) await repo.touchToken(db, row.id);
    const permissions = new Set(row.permissions.filter((p) => registry.permissions.get(p)?.tokenGrantable));
    return {
      actor: {
        kind: 'token',
        userId: null,
        tokenId: row.id,
        username: `token:${row.name}`,
        organisationId: row.org_id,
        organisationCode: row.org_code,
        role: 'api_client',
        regionCode: row.region_code,
        permissions,
        sessionId: null,
      },
      via: 'token',
      csrfToken: null,
      locale: null,
    };
  }
}
