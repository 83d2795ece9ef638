import type { FastifyReply } from 'fastify';
import { requestContext } from '../../../kernel/http/server.ts';
import { pageOf, problemResponses } from '../../../kernel/http/schemas.ts';
import type { HttpApp } from '../../../kernel/http/types.ts';
import type { Platform } from '../../../kernel/platform.ts';
import {
  DeltaQuerySchema,
  FeedQuerySchema,
  FeedVersionDetailSchema,
  FeedVersionSchema,
  PublicKeyQuerySchema,
  PublicKeySchema,
  VersionParamSchema,
  VersionsQuerySchema,
} from './feed.schema.ts';
import { getDelta, getFeed, getPublicKey, getVersionDetail, listVersions, type FeedResponse } from './feed.service.ts';

const PREFIX = '/api/online-markets/feed';

function send(reply: FastifyReply, r: FeedResponse) {
  void reply.headers(r.headers);
  return r.status === 304 ? reply.code(304).send() : reply.code(200).send(r.body);
}

const ifNoneMatch = (h: string | string[] | undefined) => (Array.isArray(h) ? h.join(',') : h);

/** The signed ISP blocklist feed and its history. */
export function feedRoutes(app: HttpApp, p: Platform): void {
  const tags = ['online-markets feed'];
  app.get(
    PREFIX,
    {
      config: { access: 'om.feed_read' },
      schema: {
        tags,
        summary: 'Full blocklist of the latest (or a given) version: domains, hosts, rpz, urls or csv; signed (X-Feed-Signature), ETag',
        querystring: FeedQuerySchema,
        response: problemResponses,
      },
    },
    async (req, reply) => send(reply, await getFeed(p, requestContext(req), req.query, ifNoneMatch(req.headers['if-none-match']))),
  );
  app.get(
    `${PREFIX}/delta`,
    {
      config: { access: 'om.feed_read' },
      schema: {
        tags,
        summary: 'Entries added and removed since a version (JSON, or +/- lines of domains or URLs); signed, ETag',
        querystring: DeltaQuerySchema,
        response: problemResponses,
      },
    },
    async (req, reply) => send(reply, await getDelta(p, requestContext(req), req.query, ifNoneMatch(req.headers['if-none-match']))),
  );
  app.get(
    `${PREFIX}/public-key`,
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The Ed25519 public key that verifies the feed (JSON, or the PEM file with format=pem)',
        querystring: PublicKeyQuerySchema,
        response: { 200: PublicKeySchema.or(PublicKeySchema.shape.publicKeyPem), ...problemResponses },
      },
    },
    async (req, reply) => {
      const key = getPublicKey(p);
      void reply.header('x-feed-key-id', key.keyId);
      return req.query.format === 'pem' ? reply.type('application/x-pem-file').send(key.publicKeyPem) : key;
    },
  );
  app.get(
    `${PREFIX}/versions`,
    {
      config: { access: 'om.feed_history' },
      schema: {
        tags,
        summary: 'Feed versions, newest first: counts, digests and the decisions behind each',
        querystring: VersionsQuerySchema,
        response: { 200: pageOf(FeedVersionSchema), ...problemResponses },
      },
    },
    async (req) => listVersions(p, requestContext(req), req.query),
  );
  app.get(
    `${PREFIX}/versions/:version`,
    {
      config: { access: 'om.feed_history' },
      schema: {
        tags,
        summary: 'One feed version: the entries it added and removed, with their decisions',
        params: VersionParamSchema,
        response: { 200: FeedVersionDetailSchema, ...problemResponses },
      },
    },
    async (req) => getVersionDetail(p, requestContext(req), req.params.version),
  );
}
