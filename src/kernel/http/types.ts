import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Actor } from '../access/actor.ts';
import type { Locale } from '../i18n/i18n.ts';

/** The Fastify instance modules register routes on: zod schemas give typed, validated handlers. */
export type HttpApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/**
 * What a route requires. Every route must declare one: a `resource.action` permission from the
 * registry, 'authenticated' (any logged-in caller), or 'public' (no login; keep these few).
 */
export type RouteAccess = string;

/** Authenticates a request from its cookie or bearer token; implemented by the identity module. */
export type Authenticator = {
  authenticate(req: {
    headers: Record<string, string | string[] | undefined>;
    cookies: Record<string, string | undefined>;
  }): Promise<
    | { actor: Actor; via: 'session' | 'token'; csrfToken: string | null; locale: Locale | null }
    | { error: 'session_expired' | 'invalid_token' }
    | null
  >;
};

/** Per-request context that services receive: who acts, under which request id and language. */
export type RequestContext = { actor: Actor; requestId: string; locale: Locale };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** Route-specific rate limit (authentication endpoints). */
    authRateLimit?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
    authVia: 'session' | 'token' | null;
    locale: Locale;
  }
}
