// Wire types of the Tartip HTTP API (docs/api-contract.md). Keep in step with the contract.

export type Language = 'kk' | 'ru' | 'en';
export type Localized = { kk: string; ru: string; en: string };

export type Session = {
  user: {
    id: string;
    username: string;
    displayName: string;
    role: string;
    organisation: { id: string; code: string; name: Localized };
    region: { code: string; name: Localized } | null;
    locale: Language;
  };
  permissions: string[];
  csrfToken: string;
  expiresAt: string;
};

export type LoginResponse = { status: 'ok'; session: Session } | { status: 'totp_required'; challenge: string };

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

export type Region = {
  code: string;
  kato: string;
  kind: 'city' | 'region';
  name: Localized;
  adminCentre: string | null;
};

export type Organisation = {
  id: string;
  code: string;
  kind: 'agency' | 'akimat';
  name: Localized;
  regionCode: string | null;
};

export type User = {
  id: string;
  username: string;
  displayName: string;
  role: string;
  organisation: { id: string; code: string; name: Localized };
  regionCode: string | null;
  isActive: boolean;
  hasTotp: boolean;
  createdAt: string;
  abilities?: { canEdit: boolean };
};

export type ApiToken = {
  id: string;
  name: string;
  organisation: { id: string; code: string; name: Localized } | string;
  permissions: string[];
  regionCode: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  expiresAt: string | null;
};

export type CreatedToken = { token: string; record: ApiToken };

export type AuditEntry = {
  seq: number;
  at: string;
  actor: { userId: string | null; username: string | null; tokenId: string | null };
  organisationCode: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  regionCode: string | null;
  purpose: string | null;
  details: unknown;
  hash: string;
};

export type AuditVerification = {
  ok: boolean;
  checked: number;
  firstBroken: { seq: number; reason: string } | null;
};

export type JobsOverview = {
  queues: Array<{ name: string; queued: number; active: number; completed: number; failed: number }>;
  recent: Array<{
    id: string;
    name: string;
    state: string;
    createdOn: string;
    startedOn: string | null;
    completedOn: string | null;
    retryCount: number;
  }>;
};

export const SETTLEMENT_STATUSES = ['candidate', 'pledged', 'certified', 'suspended'] as const;
export type SettlementStatus = (typeof SETTLEMENT_STATUSES)[number];

export type Settlement = {
  id: string;
  name: string;
  regionCode: string;
  district: string;
  status: SettlementStatus;
  population: number;
  activists: number;
  joinedOn: string;
  version: number;
  isSynthetic: boolean;
  abilities: { canEdit: boolean };
  notes?: string | null;
  createdAt?: string;
  updatedAt?: string;
};

export type SettlementInput = {
  name: string;
  regionCode: string;
  district: string;
  status: SettlementStatus;
  population: number;
  activists: number;
  joinedOn: string;
  notes?: string;
};

export type SettlementStats = {
  byRegion: Array<{ regionCode: string } & Record<SettlementStatus | 'total', number>>;
};

// Family safety (docs/modules/family-safety.md): wire shapes of /api/family-safety.

export type DvBand = 'standard' | 'medium' | 'high';
export const DV_BANDS: DvBand[] = ['standard', 'medium', 'high'];
export const DV_SOURCES = ['police_call', 'hotline_111', 'self', 'neighbour', 'school', 'hospital', 'ngo', 'other'] as const;
export const DV_PERSON_ROLES = ['victim', 'offender', 'child', 'other'] as const;
export const DV_ESCALATIONS = ['none', 'meeting_required', 'meeting_scheduled'] as const;
export const DV_REFERRAL_STATUSES = [
  'draft',
  'sent',
  'accepted',
  'rejected',
  'first_contact',
  'support_plan',
  'sessions',
  'closed',
] as const;
export const DV_PROVIDER_KINDS = ['fsc', 'ngo', 'psychologist', 'shelter', 'health'] as const;
export const DV_OUTCOMES = ['goals_met', 'partly_met', 'disengaged', 'moved', 'other'] as const;

export type LegalReference = {
  code: string;
  law: string;
  article: string | null;
  wording: Localized;
  validFrom: string;
  validTo: string | null;
};

export type DvCaseListItem = {
  id: string;
  code: string;
  regionCode: string;
  status: string;
  riskBand: DvBand | null;
  isRepeat: boolean;
  incidentCount: number;
  escalation: string;
  lastIncidentAt: string;
  createdAt: string;
  inTeam: boolean;
  victimName: string | null;
};

export type DvCasePerson = {
  id: string;
  personId: string;
  role: string;
  lastName: string;
  firstName: string;
  patronymic: string | null;
  birthDate: string | null;
  gender: string | null;
  phone: string | null;
  address: string | null;
  wasPresent: boolean;
  schoolId: string | null;
  schoolClass: string | null;
};

export type DvAssessment = {
  id: string;
  instrumentVersion: number;
  answers: Record<string, boolean>;
  score: number;
  computedBand: DvBand;
  band: DvBand;
  override: { band: DvBand; reason: string; status: string; by: string; confirmedBy: string | null } | null;
  createdBy: string;
  createdAt: string;
};

export type DvMeasure = {
  id: string;
  kind: string;
  subjectPersonId: string;
  startsOn: string;
  endsOn: string;
  conditions: string[];
  checkinsPerMonth: number;
  status: string;
  breachCount: number;
};

export type DvCaseDetail = DvCaseListItem & {
  source: string;
  legalCode: string | null;
  repeatOfCode: string | null;
  address: string | null;
  contactsMasked: boolean;
  assignedTo: string | null;
  firstContactAt: string | null;
  closedReason: string | null;
  version: number;
  isSynthetic: boolean;
  updatedAt: string;
  people: DvCasePerson[];
  incidents: Array<{
    id: string;
    occurredAt: string;
    source: string;
    address: string | null;
    narrative: string;
    legalCode: string | null;
    firstActions: string;
    createdBy: string;
  }>;
  assessments: DvAssessment[];
  measures: DvMeasure[];
  referrals: Array<{ id: string; providerName: string; status: string; personId: string }>;
  childNotifications: Array<{ id: string; schoolId: string; visibleFrom: string; status: string }>;
  tasks: Array<{ id: string; kind: string; title: string; params: DvParams; dueAt: string; status: string }>;
  team: Array<{ userId: string; displayName: string; role: string }>;
  attachments: DvAttachment[];
  access: { via: 'scope' | 'grant'; purpose: string | null; grantExpiresAt: string | null };
  abilities: { canEdit: boolean; canAssess: boolean; canConfirmOverride: boolean; canRefer: boolean };
};

export type DvSearchResult = {
  persons: Array<{
    personId: string;
    lastName: string;
    firstName: string;
    patronymic: string | null;
    birthDate: string | null;
    cases: Array<{ id: string; code: string; role: string }>;
  }>;
  casesAtAddress: Array<{ id: string; code: string; lastIncidentAt: string; status: string }>;
};

/** Values for the translated text of a timeline entry's or task's `kind`. */
export type DvParams = Record<string, string | number | boolean | null>;

export type DvTimelineEntry = {
  id: string;
  at: string;
  kind: string;
  summary: string;
  params: DvParams;
  actor: string;
  details: Record<string, unknown>;
};

export type DvAttachment = {
  id: string;
  caseId: string;
  name: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  createdBy: string;
  createdAt: string;
};

export type DvOfficer = { id: string; displayName: string };

/** Durations, conditions and limits the case forms use (server data/rules.json). */
export type DvRules = {
  measures: {
    protective_order: { days: number; subjectMinAge: number };
    special_requirements: { minMonths: number; maxMonths: number; minCheckinsPerMonth: number; maxCheckinsPerMonth: number };
    conditions: string[];
    breachLegalCode: string;
  };
  attachments: { maxBytes: number; contentTypes: string[] };
  breakGlassHours: number;
  consentOverrideMinLength: number;
};

export const DV_AGENCIES = ['police', 'fsc', 'health', 'education', 'ngo', 'akimat', 'prosecutor', 'other'] as const;
export type DvAgency = (typeof DV_AGENCIES)[number];

export type DvMeeting = {
  id: string;
  regionCode: string;
  scheduledAt: string;
  status: string;
  agenda: string;
  participants: Array<{ agency: string; name: string }>;
  minutes: string | null;
  version: number;
  cases: Array<{ id: string; code: string; riskBand: string | null }>;
  actions: Array<{
    id: string;
    caseId: string | null;
    description: string;
    ownerAgency: string;
    ownerName: string;
    dueOn: string;
    status: string;
    followUp: string | null;
    isOverdue: boolean;
  }>;
};

export type DvRiskInstrument = {
  version: number;
  regionCode: string | null;
  thresholds: { mediumFrom: number; highFrom: number };
  items: Array<{ code: string; weight: number; text: Localized }>;
};

export type DvAssessmentResult = {
  id: string;
  caseId: string;
  instrumentVersion: number;
  score: number;
  computedBand: DvBand;
  band: DvBand;
  overrideStatus: string;
  overrideBand: DvBand | null;
  caseRiskBand: DvBand | null;
  caseEscalation: string;
};

export type DvAccessGrant = { grantId: string; caseId: string; expiresAt: string; reason: string };

export type DvChildNotification = {
  id: string;
  child: { lastName: string; firstName: string; birthDate: string | null; schoolClass: string | null };
  school: { id: string; name: string };
  message: Localized;
  contactParents: false;
  case: { id: string; code: string } | null;
  visibleFrom: string;
  status: string;
  version: number;
  entries: Array<{ id: string; kind: string; text: string; helpTarget: string | null; createdBy: string; createdAt: string }>;
  abilities: { canRecord: boolean };
};

export type DvReferral = {
  id: string;
  caseId: string | null;
  caseCode: string;
  regionCode: string;
  status: (typeof DV_REFERRAL_STATUSES)[number];
  view: 'full' | 'granted';
  provider: { id: string; name: string; kind: string };
  person: { id: string; name: string; phone: string | null; address: string | null };
  reason: string;
  grants: string[];
  consent: 'given' | 'override';
  consentNote: string | null;
  riskBand: string | null;
  narrative: string[] | null;
  children: Array<{ name: string; birthDate: string | null }> | null;
  rejectReason: string | null;
  supportPlan: string | null;
  sessionCount: number;
  closingReport: string | null;
  outcome: string | null;
  dueAt: string | null;
  isOverdue: boolean;
  sentAt: string | null;
  createdAt: string;
  version: number;
};

export type DvProvider = {
  id: string;
  code: string;
  kind: string;
  regionCode: string;
  name: string;
  address: string;
  phone: string;
  services: string[];
  capacity: number;
  status: string;
  opensOn: string | null;
  openReferrals: number;
  version: number;
  isSynthetic: boolean;
};

export type DvSchool = { id: string; code: string; regionCode: string; name: string; address: string; isSynthetic: boolean };

export type DvFigures = {
  cases: number;
  casesPrevYear: number;
  casesChangePct: number | null;
  reports: number;
  reportsPrevYear: number;
  reportsChangePct: number | null;
  repeatCases: number;
  repeatRate: number | null;
  avgHoursToFirstContact: number | null;
  firstContactWithin24hRate: number | null;
  protectiveOrders: number;
  specialRequirements: number;
  measuresBreached: number;
  breaches: number;
  referralsSent: number;
  referralsAccepted: number;
  referralsCompleted: number;
  referralsRejected: number;
  childrenNotified: number;
  childrenSupported: number;
  fscOpen: number;
  fscPlanned: number;
  fscCapacity: number;
  fscActiveReferrals: number;
  fscLoad: number | null;
};

export type DvIndicators = {
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
  regionCode: string | null;
  byRegion: Array<DvFigures & { regionCode: string }>;
  totals: DvFigures;
};

export type DvDashboard = {
  openCases: number;
  highRiskCases: number;
  awaitingRiskMeeting: number;
  overdueTasks: number;
  overdueReferrals: number;
  pendingOverrides: number;
};
