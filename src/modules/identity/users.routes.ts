import { z } from 'zod';
import { requestContext } from '../../kernel/http/server.ts';
import { IdParamSchema, PageQuerySchema, pageOf, problemResponses } from '../../kernel/http/schemas.ts';
import type { HttpApp } from '../../kernel/http/types.ts';
import type { Platform } from '../../kernel/platform.ts';
import type { AuthService } from './auth.service.ts';
import { CreateTokenSchema, CreateUserSchema, OrganisationSchema, TokenSchema, UserQuerySchema, UserSchema } from './identity.schema.ts';
import { createToken, listTokens, revokeToken } from './tokens.service.ts';
import { createUser, getUser, listOrganisations, listUsers } from './users.service.ts';

export function userRoutes(app: HttpApp, p: Platform, auth: AuthService): void {
  const tags = ['identity'];
  app.get(
    '/api/users',
    {
      config: { access: 'users.read' },
      schema: {
        tags,
        summary: 'Users visible to the caller',
        querystring: UserQuerySchema,
        response: { 200: pageOf(UserSchema), ...problemResponses },
      },
    },
    async (req) => {
      const { page, pageSize, ...filters } = req.query;
      return listUsers(p, requestContext(req), filters, page, pageSize);
    },
  );
  app.get(
    '/api/users/:id',
    {
      config: { access: 'users.read' },
      schema: { tags, summary: 'One user (audited)', params: IdParamSchema, response: { 200: UserSchema, ...problemResponses } },
    },
    async (req) => getUser(p, requestContext(req), req.params.id),
  );
  app.post(
    '/api/users',
    {
      config: { access: 'users.write' },
      schema: {
        tags,
        summary: 'Create a user; privileged roles get a TOTP secret shown once',
        body: CreateUserSchema,
        response: { 201: z.object({ user: UserSchema, totpUri: z.string().nullable() }), ...problemResponses },
      },
    },
    async (req, reply) => {
      const r = await createUser(p, requestContext(req), req.body);
      return reply.status(201).send({ user: r.user, totpUri: r.totpUri });
    },
  );
  app.get(
    '/api/reference/organisations',
    {
      config: { access: 'organisations.read' },
      schema: { tags, summary: 'Member agencies and akimats', response: { 200: z.object({ items: z.array(OrganisationSchema) }) } },
    },
    async () => ({ items: await listOrganisations(p) }),
  );
  app.get(
    '/api/tokens',
    {
      config: { access: 'tokens.manage' },
      schema: {
        tags,
        summary: 'API tokens of machine clients',
        querystring: PageQuerySchema,
        response: { 200: pageOf(TokenSchema), ...problemResponses },
      },
    },
    async (req) => listTokens(p, requestContext(req), req.query.page, req.query.pageSize),
  );
  app.post(
    '/api/tokens',
    {
      config: { access: 'tokens.manage' },
      schema: {
        tags,
        summary: 'Issue a token (shown once)',
        body: CreateTokenSchema,
        response: { 201: z.object({ token: z.string(), record: TokenSchema }), ...problemResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await createToken(p, requestContext(req), req.body)),
  );
  app.delete(
    '/api/tokens/:id',
    {
      config: { access: 'tokens.manage' },
      schema: { tags, summary: 'Revoke a token', params: IdParamSchema, response: { 204: z.null(), ...problemResponses } },
    },
    async (req, reply) => {
      await revokeToken(p, requestContext(req), req.params.id, () => auth.invalidate());
      return reply.status(204).send(null);
    },
  );
}
