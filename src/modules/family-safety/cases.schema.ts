import { z } from 'zod';
import { RegionCodeSchema } from '../../kernel/http/schemas.ts';

export const SOURCES = ['police_call', 'hotline_111', 'self', 'neighbour', 'school', 'hospital', 'ngo', 'other'] as const;
export const PERSON_ROLES = ['victim', 'offender', 'child', 'other'] as const;
export const BANDS = ['standard', 'medium', 'high'] as const;
export const BandSchema = z.enum(BANDS);
export type Band = z.infer<typeof BandSchema>;

// a few minutes of clock skew between a device and the server is not "the future"
const SKEW_MS = 5 * 60_000;
const notFuture = (v: string) => Date.parse(v) <= Date.now() + SKEW_MS;

/** A date-time with offset, not in the future and not before 2015. */
export const PastDateTimeSchema = z.iso
  .datetime({ offset: true })
  .refine(notFuture, { message: 'The date is in the future', params: { code: 'date_in_future' } })
  .refine((v) => Date.parse(v) >= Date.parse('2015-01-01T00:00:00Z'), {
    message: 'The date is before 2015',
    params: { code: 'date_out_of_range' },
  });

export const LegalCodeSchema = z
  .string()
  .regex(/^(ac|cc)-[0-9]+(-[0-9]+)?$/, 'A legal reference code like ac-73 or cc-108-1')
  .nullable()
  .default(null);

export const CasePersonInputSchema = z
  .strictObject({
    personId: z.uuid().optional(),
    role: z.enum(PERSON_ROLES),
    lastName: z.string().trim().min(1).max(80).optional(),
    firstName: z.string().trim().min(1).max(80).optional(),
    patronymic: z.string().trim().max(80).nullable().optional(),
    birthDate: z.iso.date().optional(),
    age: z.number().int().min(0).max(120).optional(),
    gender: z.enum(['male', 'female']).optional(),
    phone: z.string().trim().max(30).optional(),
    address: z.string().trim().max(300).optional(),
    wasPresent: z.boolean().default(false),
    schoolId: z.uuid().optional(),
    schoolClass: z.string().trim().max(20).optional(),
  })
  .refine((p) => p.personId !== undefined || (p.lastName !== undefined && p.firstName !== undefined), {
    message: 'Give personId of a found person, or lastName and firstName',
    params: { code: 'person_required' },
  })
  .refine((p) => p.birthDate === undefined || p.birthDate <= new Date().toISOString().slice(0, 10), {
    path: ['birthDate'],
    message: 'Birth date in the future',
    params: { code: 'date_in_future' },
  });
export type CasePersonInput = z.infer<typeof CasePersonInputSchema>;

const IncidentFields = {
  occurredAt: PastDateTimeSchema,
  source: z.enum(SOURCES),
  address: z.string().trim().min(3).max(300),
  narrative: z.string().trim().min(1).max(8000),
  legalCode: LegalCodeSchema,
  firstActions: z.string().trim().max(4000).default(''),
};

export const IntakeSchema = z
  .strictObject({ regionCode: RegionCodeSchema, ...IncidentFields, people: z.array(CasePersonInputSchema).min(1).max(30) })
  .refine((v) => v.people.some((p) => p.role === 'victim'), {
    path: ['people'],
    message: 'At least one victim',
    params: { code: 'victim_required' },
  });
export type IntakeInput = z.infer<typeof IntakeSchema>;

export const IncidentSchema = z.strictObject({ ...IncidentFields, people: z.array(CasePersonInputSchema).max(30).default([]) });
export type IncidentInput = z.infer<typeof IncidentSchema>;

export const UpdateCaseSchema = z.strictObject({
  version: z.number().int().min(1),
  status: z.enum(['open', 'closed']).optional(),
  closedReason: z.string().trim().min(3).max(2000).optional(),
  legalCode: LegalCodeSchema.optional(),
});
export type UpdateCaseInput = z.infer<typeof UpdateCaseSchema>;

export const CaseQuerySchema = z.strictObject({
  q: z
    .string()
    .trim()
    .max(40)
    .regex(/^[A-Za-z0-9-]*$/)
    .optional(),
  region: RegionCodeSchema.optional(),
  status: z.enum(['open', 'closed']).optional(),
  band: BandSchema.optional(),
  repeat: z.enum(['true', 'false']).optional(),
  escalation: z.enum(['none', 'meeting_required', 'meeting_scheduled']).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type CaseQuery = z.infer<typeof CaseQuerySchema>;

export const SearchQuerySchema = z
  .strictObject({
    lastName: z.string().trim().min(1).max(80).optional(),
    firstName: z.string().trim().min(1).max(80).optional(),
    birthDate: z.iso.date().optional(),
    address: z.string().trim().min(3).max(300).optional(),
  })
  .refine((v) => (v.lastName && v.firstName) || v.address, {
    message: 'Search by lastName and firstName (and birthDate), or by address',
    params: { code: 'search_terms_required' },
  });
export type SearchQuery = z.infer<typeof SearchQuerySchema>;

export const CaseListItemSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    regionCode: z.string(),
    status: z.string(),
    riskBand: BandSchema.nullable(),
    isRepeat: z.boolean(),
    incidentCount: z.number().int(),
    escalation: z.string(),
    lastIncidentAt: z.string(),
    createdAt: z.string(),
    inTeam: z.boolean(),
    /** Only for the case team; everyone else sees the code. */
    victimName: z.string().nullable(),
  })
  .meta({ id: 'DvCaseListItem' });
export type CaseListItem = z.infer<typeof CaseListItemSchema>;

export const CasePersonSchema = z.object({
  id: z.string(),
  personId: z.string(),
  role: z.string(),
  lastName: z.string(),
  firstName: z.string(),
  patronymic: z.string().nullable(),
  birthDate: z.string().nullable(),
  gender: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  wasPresent: z.boolean(),
  schoolId: z.string().nullable(),
  schoolClass: z.string().nullable(),
});

/** Values the web fills into the translated text of a timeline entry's or a task's `kind`. */
export const ParamsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
export type Params = z.infer<typeof ParamsSchema>;

export const AttachmentSchema = z
  .object({
    id: z.string(),
    caseId: z.string(),
    name: z.string(),
    contentType: z.string(),
    sizeBytes: z.number().int(),
    sha256: z.string(),
    createdBy: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'DvAttachment' });

/** Attachment metadata; the size limit (rules.json attachments.maxBytes) is checked by the service (413). */
export const AttachmentInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(255),
  contentType: z
    .string()
    .trim()
    .regex(/^[a-z0-9.+-]+\/[a-z0-9.+-]+$/i),
  sizeBytes: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  sha256: z.string().regex(/^[0-9a-fA-F]{64}$/),
});
export type AttachmentInput = z.infer<typeof AttachmentInputSchema>;

export const OfficerSchema = z.object({ id: z.string(), displayName: z.string() }).meta({ id: 'DvOfficer' });
export const OfficerQuerySchema = z.strictObject({ region: RegionCodeSchema.optional() });

export const CaseDetailSchema = CaseListItemSchema.extend({
  source: z.string(),
  legalCode: z.string().nullable(),
  repeatOfCode: z.string().nullable(),
  address: z.string().nullable(),
  contactsMasked: z.boolean(),
  assignedTo: z.string().nullable(),
  firstContactAt: z.string().nullable(),
  closedReason: z.string().nullable(),
  version: z.number().int(),
  isSynthetic: z.boolean(),
  updatedAt: z.string(),
  people: z.array(CasePersonSchema),
  incidents: z.array(
    z.object({
      id: z.string(),
      occurredAt: z.string(),
      source: z.string(),
      address: z.string().nullable(),
      narrative: z.string(),
      legalCode: z.string().nullable(),
      firstActions: z.string(),
      createdBy: z.string(),
    }),
  ),
  assessments: z.array(
    z.object({
      id: z.string(),
      instrumentVersion: z.number().int(),
      answers: z.record(z.string(), z.boolean()),
      score: z.number().int(),
      computedBand: BandSchema,
      band: BandSchema,
      override: z
        .object({ band: BandSchema, reason: z.string(), status: z.string(), by: z.string(), confirmedBy: z.string().nullable() })
        .nullable(),
      createdBy: z.string(),
      createdAt: z.string(),
    }),
  ),
  measures: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      subjectPersonId: z.string(),
      startsOn: z.string(),
      endsOn: z.string(),
      conditions: z.array(z.string()),
      checkinsPerMonth: z.number().int(),
      status: z.string(),
      breachCount: z.number().int(),
    }),
  ),
  referrals: z.array(z.object({ id: z.string(), providerName: z.string(), status: z.string(), personId: z.string() })),
  childNotifications: z.array(z.object({ id: z.string(), schoolId: z.string(), visibleFrom: z.string(), status: z.string() })),
  tasks: z.array(
    z.object({ id: z.string(), kind: z.string(), title: z.string(), params: ParamsSchema, dueAt: z.string(), status: z.string() }),
  ),
  /** The case team: who took it in and who it is assigned to (they see contacts). */
  team: z.array(z.object({ userId: z.string(), displayName: z.string(), role: z.string() })),
  /** Attachment metadata (no file storage yet). */
  attachments: z.array(AttachmentSchema),
  access: z.object({ via: z.enum(['scope', 'grant']), purpose: z.string().nullable(), grantExpiresAt: z.string().nullable() }),
  abilities: z.object({
    canEdit: z.boolean(),
    canAssess: z.boolean(),
    canConfirmOverride: z.boolean(),
    canRefer: z.boolean(),
  }),
}).meta({ id: 'DvCaseDetail' });
export type CaseDetail = z.infer<typeof CaseDetailSchema>;

export const SearchResultSchema = z.object({
  persons: z.array(
    z.object({
      personId: z.string(),
      lastName: z.string(),
      firstName: z.string(),
      patronymic: z.string().nullable(),
      birthDate: z.string().nullable(),
      cases: z.array(z.object({ id: z.string(), code: z.string(), role: z.string() })),
    }),
  ),
  casesAtAddress: z.array(z.object({ id: z.string(), code: z.string(), lastIncidentAt: z.string(), status: z.string() })),
});

export const TimelineEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.string(),
  summary: z.string(),
  params: ParamsSchema,
  actor: z.string(),
  details: z.record(z.string(), z.unknown()),
});

export const BreakGlassSchema = z.strictObject({ reason: z.string().trim().min(10).max(1000) });
export const AssignSchema = z.strictObject({ version: z.number().int().min(1), userId: z.uuid() });
export const FirstContactSchema = z.strictObject({
  version: z.number().int().min(1),
  at: PastDateTimeSchema,
  note: z.string().max(2000).default(''),
});
