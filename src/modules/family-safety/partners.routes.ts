import { z } from 'zod';
import { requestContext } from '../../kernel/http/server.ts';
import { IdParamSchema, pageOf, problemResponses } from '../../kernel/http/schemas.ts';
import type { HttpApp } from '../../kernel/http/types.ts';
import type { Platform } from '../../kernel/platform.ts';
import { BASE } from './cases.routes.ts';
import { ChildNotificationSchema, NotificationQuerySchema, SupportEntrySchema } from './children.schema.ts';
import { addSupportEntry, getNotification, listNotifications } from './children.service.ts';
import { DashboardSchema, IndicatorQuerySchema, IndicatorsSchema } from './indicators.schema.ts';
import { dashboard, indicators } from './indicators.service.ts';
import { addMeetingAction, createMeeting, followUpAction, getMeeting, listMeetings, updateMeeting } from './meetings.service.ts';
import { ProgressSchema, ReferralInputSchema, ReferralQuerySchema, ReferralSchema, SendSchema } from './referrals.schema.ts';
import { createReferral, getReferral, listReferrals, progressReferral, sendReferral } from './referrals.service.ts';
import {
  ProviderInputSchema,
  ProviderQuerySchema,
  ProviderSchema,
  ProviderUpdateSchema,
  SchoolInputSchema,
  SchoolQuerySchema,
  SchoolSchema,
  StaffLinkSchema,
} from './registry.schema.ts';
import { createProvider, createSchool, getProvider, linkStaff, listProviders, listSchools, updateProvider } from './registry.service.ts';
import {
  ActionFollowUpSchema,
  MeetingActionInputSchema,
  MeetingInputSchema,
  MeetingQuerySchema,
  MeetingSchema,
  MeetingUpdateSchema,
} from './workflows.schema.ts';

const tags = ['family-safety'];

/** Referrals, school notifications, the registry, risk meetings, indicators and the dashboard. */
export function partnerRoutes(app: HttpApp, p: Platform): void {
  const referral = { 200: ReferralSchema, ...problemResponses };
  app.get(
    `${BASE}/referrals`,
    {
      config: { access: 'dv_referrals.read' },
      schema: {
        tags,
        summary: "Referrals: the region's (senders) or your organisation's (receivers); overdue=true",
        querystring: ReferralQuerySchema,
        response: { 200: pageOf(ReferralSchema), ...problemResponses },
      },
    },
    async (req) => listReferrals(p, requestContext(req), req.query),
  );
  app.post(
    `${BASE}/referrals`,
    {
      config: { access: 'dv_referrals.manage' },
      schema: {
        tags,
        summary: 'Draft a referral (consent, or a justified override)',
        body: ReferralInputSchema,
        response: { 201: ReferralSchema, ...problemResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await createReferral(p, requestContext(req), req.body)),
  );
  app.get(
    `${BASE}/referrals/:id`,
    {
      config: { access: 'dv_referrals.read' },
      schema: { tags, summary: 'One referral (receivers see only the granted parts; audited)', params: IdParamSchema, response: referral },
    },
    async (req) => getReferral(p, requestContext(req), req.params.id),
  );
  app.post(
    `${BASE}/referrals/:id/send`,
    {
      config: { access: 'dv_referrals.manage' },
      schema: { tags, summary: 'Send a drafted referral', params: IdParamSchema, body: SendSchema, response: referral },
    },
    async (req) => sendReferral(p, requestContext(req), req.params.id, req.body.version),
  );
  app.post(
    `${BASE}/referrals/:id/progress`,
    {
      config: { access: 'dv_referrals.receive' },
      schema: {
        tags,
        summary: 'Receiver: accept, reject, first contact, support plan, session, close',
        params: IdParamSchema,
        body: ProgressSchema,
        response: referral,
      },
    },
    async (req) => progressReferral(p, requestContext(req), req.params.id, req.body),
  );

  app.get(
    `${BASE}/child-notifications`,
    {
      config: { access: 'dv_children.notify_read' },
      schema: {
        tags,
        summary: "Your school's notifications about pupils (visible from the start of the school day)",
        querystring: NotificationQuerySchema,
        response: { 200: pageOf(ChildNotificationSchema), ...problemResponses },
      },
    },
    async (req) => listNotifications(p, requestContext(req), req.query.page, req.query.pageSize),
  );
  app.get(
    `${BASE}/child-notifications/:id`,
    {
      config: { access: 'dv_children.notify_read' },
      schema: {
        tags,
        summary: 'One notification with the school support record (audited)',
        params: IdParamSchema,
        response: { 200: ChildNotificationSchema, ...problemResponses },
      },
    },
    async (req) => getNotification(p, requestContext(req), req.params.id),
  );
  app.post(
    `${BASE}/child-notifications/:id/entries`,
    {
      config: { access: 'dv_children.support' },
      schema: {
        tags,
        summary: 'Observation, support plan, follow-up, outcome or help request',
        params: IdParamSchema,
        body: SupportEntrySchema,
        response: { 201: ChildNotificationSchema, ...problemResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await addSupportEntry(p, requestContext(req), req.params.id, req.body)),
  );

  app.get(
    `${BASE}/providers`,
    {
      config: { access: 'dv_registry.read' },
      schema: {
        tags,
        summary: 'Centres, NGOs, psychologists, shelters, health services',
        querystring: ProviderQuerySchema,
        response: { 200: pageOf(ProviderSchema), ...problemResponses },
      },
    },
    async (req) => listProviders(p, requestContext(req), req.query),
  );
  app.get(
    `${BASE}/providers/:id`,
    {
      config: { access: 'dv_registry.read' },
      schema: { tags, summary: 'One provider', params: IdParamSchema, response: { 200: ProviderSchema, ...problemResponses } },
    },
    async (req) => getProvider(p, requestContext(req), req.params.id),
  );
  app.post(
    `${BASE}/providers`,
    {
      config: { access: 'dv_registry.write' },
      schema: { tags, summary: 'Register a provider', body: ProviderInputSchema, response: { 201: ProviderSchema, ...problemResponses } },
    },
    async (req, reply) => reply.status(201).send(await createProvider(p, requestContext(req), req.body)),
  );
  app.patch(
    `${BASE}/providers/:id`,
    {
      config: { access: 'dv_registry.write' },
      schema: {
        tags,
        summary: 'Change a provider (send the version you read)',
        params: IdParamSchema,
        body: ProviderUpdateSchema,
        response: { 200: ProviderSchema, ...problemResponses },
      },
    },
    async (req) => updateProvider(p, requestContext(req), req.params.id, req.body),
  );
  app.get(
    `${BASE}/schools`,
    {
      config: { access: 'dv_registry.read' },
      schema: {
        tags,
        summary: 'Schools registry',
        querystring: SchoolQuerySchema,
        response: { 200: pageOf(SchoolSchema), ...problemResponses },
      },
    },
    async (req) => listSchools(p, requestContext(req), req.query),
  );
  app.post(
    `${BASE}/schools`,
    {
      config: { access: 'dv_registry.write' },
      schema: { tags, summary: 'Register a school', body: SchoolInputSchema, response: { 201: SchoolSchema, ...problemResponses } },
    },
    async (req, reply) => reply.status(201).send(await createSchool(p, requestContext(req), req.body)),
  );
  app.post(
    `${BASE}/staff-links`,
    {
      config: { access: 'dv_registry.write' },
      schema: {
        tags,
        summary: 'Link a school contact to the school, or a worker to their centre',
        body: StaffLinkSchema,
        response: {
          201: z.object({ userId: z.string(), schoolId: z.string().nullable(), providerId: z.string().nullable() }),
          ...problemResponses,
        },
      },
    },
    async (req, reply) => reply.status(201).send(await linkStaff(p, requestContext(req), req.body)),
  );

  app.get(
    `${BASE}/meetings`,
    {
      config: { access: 'dv_cases.read' },
      schema: {
        tags,
        summary: 'Multi-agency risk meetings',
        querystring: MeetingQuerySchema,
        response: { 200: pageOf(MeetingSchema), ...problemResponses },
      },
    },
    async (req) => listMeetings(p, requestContext(req), req.query),
  );
  app.post(
    `${BASE}/meetings`,
    {
      config: { access: 'dv_cases.write' },
      schema: {
        tags,
        summary: 'Plan a risk meeting for high-risk cases',
        body: MeetingInputSchema,
        response: { 201: MeetingSchema, ...problemResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await createMeeting(p, requestContext(req), req.body)),
  );
  app.get(
    `${BASE}/meetings/:id`,
    {
      config: { access: 'dv_cases.read' },
      schema: { tags, summary: 'One risk meeting', params: IdParamSchema, response: { 200: MeetingSchema, ...problemResponses } },
    },
    async (req) => getMeeting(p, requestContext(req), req.params.id),
  );
  app.patch(
    `${BASE}/meetings/:id`,
    {
      config: { access: 'dv_cases.write' },
      schema: {
        tags,
        summary: 'Hold or cancel a meeting, record minutes',
        params: IdParamSchema,
        body: MeetingUpdateSchema,
        response: { 200: MeetingSchema, ...problemResponses },
      },
    },
    async (req) => updateMeeting(p, requestContext(req), req.params.id, req.body),
  );
  app.post(
    `${BASE}/meetings/:id/actions`,
    {
      config: { access: 'dv_cases.write' },
      schema: {
        tags,
        summary: 'An agreed action with owner and deadline',
        params: IdParamSchema,
        body: MeetingActionInputSchema,
        response: { 201: MeetingSchema, ...problemResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await addMeetingAction(p, requestContext(req), req.params.id, req.body)),
  );
  app.post(
    `${BASE}/meeting-actions/:id/follow-up`,
    {
      config: { access: 'dv_cases.write' },
      schema: {
        tags,
        summary: 'Follow up an action',
        params: IdParamSchema,
        body: ActionFollowUpSchema,
        response: { 200: MeetingSchema, ...problemResponses },
      },
    },
    async (req) => followUpAction(p, requestContext(req), req.params.id, req.body),
  );

  app.get(
    `${BASE}/indicators`,
    {
      config: { access: 'dv_indicators.read' },
      schema: {
        tags,
        summary: 'Figures for the Commission by region, with the same period a year before',
        querystring: IndicatorQuerySchema,
        response: { 200: IndicatorsSchema, ...problemResponses },
      },
    },
    async (req) => indicators(p, requestContext(req), req.query),
  );
  app.get(
    `${BASE}/dashboard`,
    {
      config: { access: 'dv_cases.read' },
      schema: {
        tags,
        summary: 'Counts for the work list: open, high risk, overdue tasks and referral steps',
        response: { 200: DashboardSchema, ...problemResponses },
      },
    },
    async (req) => dashboard(p, requestContext(req)),
  );
}
