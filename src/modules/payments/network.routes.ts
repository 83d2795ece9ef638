import { requestContext } from '../../kernel/http/server.ts';
import { problemResponses } from '../../kernel/http/schemas.ts';
import type { HttpApp } from '../../kernel/http/types.ts';
import type { Platform } from '../../kernel/platform.ts';
import { NetworkAccountParamSchema, NetworkQuerySchema, NetworkSchema } from './network.schema.ts';
import { accountNetwork } from './network.service.ts';

/** The network view: accounts around one account, flows over time, the ads they came from. */
export function networkRoutes(app: HttpApp, p: Platform): void {
  app.get(
    '/api/payments/accounts/:account/network',
    {
      config: { access: 'payments.read' },
      schema: {
        tags: ['payments'],
        summary: 'Transfer network around an account (clear identifier or stored key): nodes, edges with daily series (audited)',
        params: NetworkAccountParamSchema,
        querystring: NetworkQuerySchema,
        response: { 200: NetworkSchema, ...problemResponses },
      },
    },
    async (req) => accountNetwork(p, requestContext(req), req.params.account, req.query),
  );
}
