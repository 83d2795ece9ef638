import { z } from 'zod';
import { requestContext } from '../../kernel/http/server.ts';
import { problemResponses } from '../../kernel/http/schemas.ts';
import type { HttpApp } from '../../kernel/http/types.ts';
import type { Platform } from '../../kernel/platform.ts';
import {
  RuleOverviewSchema,
  RuleSetDetailSchema,
  RuleSetInputSchema,
  RuleSetSummarySchema,
  VersionParamSchema,
} from './rule-sets.schema.ts';
import { activateRuleSet, createRuleSet, getRuleSet, listRuleSets, rulesOverview } from './rule-sets.service.ts';

const tags = ['payments'];

/** Rules and thresholds as versioned data: list, read, create a version, activate; the rules with their precision. */
export function ruleSetRoutes(app: HttpApp, p: Platform): void {
  app.get(
    '/api/payments/rules',
    {
      config: { access: 'payments.read' },
      schema: {
        tags,
        summary: 'Active rules: thresholds, simulator precision and live precision from dispositions',
        response: { 200: RuleOverviewSchema, ...problemResponses },
      },
    },
    async (req) => rulesOverview(p, requestContext(req)),
  );
  app.get(
    '/api/payments/rule-sets',
    {
      config: { access: 'payments.read' },
      schema: {
        tags,
        summary: 'Rule-set versions, newest first',
        response: { 200: z.object({ items: z.array(RuleSetSummarySchema) }), ...problemResponses },
      },
    },
    async (req) => listRuleSets(p, requestContext(req)),
  );
  app.get(
    '/api/payments/rule-sets/:version',
    {
      config: { access: 'payments.read' },
      schema: {
        tags,
        summary: 'One rule-set version with its body',
        params: VersionParamSchema,
        response: { 200: RuleSetDetailSchema, ...problemResponses },
      },
    },
    async (req) => getRuleSet(p, requestContext(req), req.params.version),
  );
  app.post(
    '/api/payments/rule-sets',
    {
      config: { access: 'payments.rules' },
      schema: {
        tags,
        summary: 'A new rule-set version from an edited body (validated; not active until activated)',
        body: RuleSetInputSchema,
        response: { 201: RuleSetDetailSchema, ...problemResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await createRuleSet(p, requestContext(req), req.body)),
  );
  app.post(
    '/api/payments/rule-sets/:version/activate',
    {
      config: { access: 'payments.rules_activate' },
      schema: {
        tags,
        summary: 'Make a version the active one (the live scorer uses it at once)',
        params: VersionParamSchema,
        response: { 200: RuleSetDetailSchema, ...problemResponses },
      },
    },
    async (req) => activateRuleSet(p, requestContext(req), req.params.version),
  );
}
