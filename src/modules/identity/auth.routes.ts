import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../kernel/errors.ts';
import { requestContext } from '../../kernel/http/server.ts';
import { problemResponses } from '../../kernel/http/schemas.ts';
import type { HttpApp } from '../../kernel/http/types.ts';
import type { Platform } from '../../kernel/platform.ts';
import type { AuthService, LoginResult } from './auth.service.ts';
import { LoginBodySchema, LoginResponseSchema, SessionSchema, TotpBodySchema } from './identity.schema.ts';

export const SESSION_COOKIE = 'tartip_session';

function client(req: FastifyRequest) {
  return {
    ip: req.ip ?? null,
    userAgent: typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'] : null,
    requestId: String(req.id),
  };
}

export function authRoutes(app: HttpApp, platform: Platform, auth: AuthService): void {
  const { config } = platform;
  const rateLimit = { max: config.authRateLimit, timeWindow: '1 minute' };
  const finish = (req: FastifyRequest, reply: FastifyReply, r: LoginResult) => {
    if (r.status === 'totp_required') return r;
    const secure = config.secureCookies === 'true' || (config.secureCookies === 'auto' && req.protocol === 'https');
    void reply.setCookie(SESSION_COOKIE, r.sessionToken, {
      httpOnly: true,
      sameSite: 'strict',
      secure,
      path: '/',
      maxAge: config.sessionTtlMinutes * 60,
    });
    return { status: 'ok' as const, session: r.session };
  };

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public', rateLimit },
      schema: {
        tags: ['auth'],
        summary: 'Log in with username and password',
        body: LoginBodySchema,
        response: { 200: LoginResponseSchema, ...problemResponses },
      },
    },
    async (req, reply) => finish(req, reply, await auth.login(req.body.username, req.body.password, client(req))),
  );
  app.post(
    '/api/auth/totp',
    {
      config: { access: 'public', rateLimit },
      schema: {
        tags: ['auth'],
        summary: 'Second factor: the one-time code',
        body: TotpBodySchema,
        response: { 200: LoginResponseSchema, ...problemResponses },
      },
    },
    async (req, reply) => finish(req, reply, await auth.verifyTotp(req.body.challenge, req.body.code, client(req))),
  );
  app.post(
    '/api/auth/logout',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['auth'], summary: 'End the session', response: { 204: z.null(), ...problemResponses } },
    },
    async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) await auth.logout(token, requestContext(req));
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/api/auth/session',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: 'The current session, permissions and CSRF token',
        response: { 200: SessionSchema, ...problemResponses },
      },
    },
    async (req) => {
      const token = req.cookies[SESSION_COOKIE];
      const view = token && req.authVia === 'session' ? await auth.sessionView(token) : null;
      if (!view) throw new AppError('unauthenticated', 'No browser session (API tokens have no session)');
      return view;
    },
  );
}
