import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyRequest } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { can } from '../access/actor.ts';
import { AppError } from '../errors.ts';
import { isLocale, negotiateLocale } from '../i18n/i18n.ts';
import type { Platform } from '../platform.ts';
import { requestLogSerializer } from './log-mask.ts';
import { sendProblem } from './problem.ts';
import type { Authenticator, HttpApp, RequestContext } from './types.ts';

export type RouteRecord = { method: string; url: string; access: string };

export type HttpServerOptions = {
  authenticator: Authenticator;
  /** Folder with the built web app to serve at `/`, or null for API only. */
  webRoot: string | null;
  logger?: boolean;
  version: string;
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The request context a service needs; throws 401 when the route let an anonymous caller through. */
export function requestContext(req: FastifyRequest): RequestContext {
  if (!req.actor) throw new AppError('unauthenticated');
  return { actor: req.actor, requestId: String(req.id), locale: req.locale };
}

/**
 * Builds the HTTP kernel: zod validation and OpenAPI, problem+json errors, request ids, security
 * headers, body limits, deny-by-default access on every /api route, then each module's routes.
 */
export async function buildHttpServer(platform: Platform, opts: HttpServerOptions): Promise<{ app: HttpApp; routes: RouteRecord[] }> {
  const { config } = platform;
  const app = Fastify({
    logger:
      opts.logger === false || config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'],
            serializers: { req: requestLogSerializer },
          },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('actor', null);
  app.decorateRequest('authVia', null);
  app.decorateRequest('locale', 'ru');

  const routes: RouteRecord[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const isApi = route.url.startsWith('/api/');
    const isDocs = route.url.startsWith('/api/docs');
    const access = route.config?.access ?? (isDocs || !isApi ? 'public' : undefined);
    if (access === undefined) {
      throw new Error(
        `Route ${methods.join(',')} ${route.url} declares no access: set config.access to a permission, 'authenticated' or 'public'`,
      );
    }
    if (access !== 'public' && access !== 'authenticated' && !platform.registry.isKnownPermission(access)) {
      throw new Error(`Route ${route.url} needs unknown permission ${access}`);
    }
    route.config = { ...(route.config ?? {}), access };
    for (const m of methods) if (m !== 'HEAD') routes.push({ method: m, url: route.url, access });
  });

  app.addHook('onRequest', async (req, reply) => {
    void reply.header('x-request-id', String(req.id));
    req.locale = negotiateLocale(req.headers['accept-language']);
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    hsts: config.secureCookies === 'true',
  });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => new AppError('rate_limited', 'Too many requests'),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tartip API',
        version: opts.version,
        description: 'API of the Interdepartmental Commission on Crime Prevention platform. Errors are RFC 9457 problem+json.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'tartip_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  // Authentication and the route's declared access, before any body is parsed.
  app.addHook('onRequest', async (req) => {
    const access = req.routeOptions.config?.access;
    if (!req.routeOptions.url || access === undefined) return; // 404s fall through to the not-found handler
    const auth = await opts.authenticator.authenticate({ headers: req.headers, cookies: req.cookies ?? {} });
    if (auth && 'actor' in auth) {
      req.actor = auth.actor;
      req.authVia = auth.via;
      if (auth.locale && !req.headers['accept-language']) req.locale = auth.locale;
      if (auth.locale && isLocale(auth.locale) && auth.via === 'session') req.locale = auth.locale;
      if (auth.via === 'session' && !SAFE_METHODS.has(req.method) && access !== 'public') {
        const sent = req.headers['x-csrf-token'];
        if (typeof sent !== 'string' || sent !== auth.csrfToken) throw new AppError('forbidden', 'Missing or wrong CSRF token');
      }
    }
    if (access === 'public') return;
    if (!req.actor) {
      if (auth && 'error' in auth) throw new AppError(auth.error);
      throw new AppError('unauthenticated');
    }
    if (access !== 'authenticated' && !can(req.actor, access)) throw new AppError('forbidden', `Missing permission ${access}`);
  });

  app.setErrorHandler((err, req, reply) => sendProblem(req, reply, err));

  for (const m of platform.modules) m.routes?.(app, platform);

  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());

  const webRoot = opts.webRoot && fs.existsSync(path.join(opts.webRoot, 'index.html')) ? opts.webRoot : null;
  if (webRoot) {
    await app.register(fastifyStatic, { root: webRoot, prefix: '/', wildcard: true, index: ['index.html'] });
  }
  app.setNotFoundHandler((req, reply) => {
    // client-side routes get the app shell; missing files (/assets/x.js, /favicon.ico) are real 404s
    const pathname = req.url.split('?')[0] ?? '';
    const isPage = req.method === 'GET' && webRoot && !pathname.startsWith('/api') && !/\.[a-z0-9]+$/i.test(pathname);
    if (isPage) return reply.type('text/html; charset=utf-8').sendFile('index.html');
    return sendProblem(req, reply, new AppError('not_found', `No route ${req.method} ${req.url.split('?')[0]}`));
  });

  return { app, routes };
}
