import { z } from 'zod';
import { RegionCodeSchema } from '../../kernel/http/schemas.ts';

export const IndicatorQuerySchema = z.strictObject({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  region: RegionCodeSchema.optional(),
});

const figures = {
  cases: z.number(),
  casesPrevYear: z.number(),
  casesChangePct: z.number().nullable(),
  reports: z.number(),
  reportsPrevYear: z.number(),
  reportsChangePct: z.number().nullable(),
  repeatCases: z.number(),
  repeatRate: z.number().nullable(),
  avgHoursToFirstContact: z.number().nullable(),
  firstContactWithin24hRate: z.number().nullable(),
  protectiveOrders: z.number(),
  specialRequirements: z.number(),
  measuresBreached: z.number(),
  breaches: z.number(),
  referralsSent: z.number(),
  referralsAccepted: z.number(),
  referralsCompleted: z.number(),
  referralsRejected: z.number(),
  childrenNotified: z.number(),
  childrenSupported: z.number(),
  fscOpen: z.number(),
  fscPlanned: z.number(),
  fscCapacity: z.number(),
  fscActiveReferrals: z.number(),
  fscLoad: z.number().nullable(),
};

export const IndicatorsSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    previousFrom: z.string(),
    previousTo: z.string(),
    regionCode: z.string().nullable(),
    byRegion: z.array(z.object({ regionCode: z.string(), ...figures })),
    totals: z.object(figures),
  })
  .meta({ id: 'DvIndicators' });

export const DashboardSchema = z.object({
  openCases: z.number(),
  highRiskCases: z.number(),
  awaitingRiskMeeting: z.number(),
  overdueTasks: z.number(),
  overdueReferrals: z.number(),
  pendingOverrides: z.number(),
});
