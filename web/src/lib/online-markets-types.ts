// Wire types of the online-markets API (/api/online-markets, docs/modules/online-markets.md).
// Keep in step with src/modules/online-markets/{workflow,evidence,feed}/*.schema.ts.

export const OM_STATUSES = ['detected', 'in_review', 'dismissed', 'approved', 'published', 'blocked', 'reachable', 'restored'] as const;
export type OmStatus = (typeof OM_STATUSES)[number];

export const OM_LABELS = ['drug_ad', 'drug_recruitment', 'benign'] as const;
export const OM_SOURCES = ['analyst', 'citizen', 'crawler', 'partner', 'recheck'] as const;
export type OmLabel = (typeof OM_LABELS)[number];

/** What the caller may do to a resource now (the server decides; the page only hides buttons). */
export type OmAbilities = { take: boolean; dismiss: boolean; reopen: boolean; approve: boolean; restore: boolean };

export type OmResource = {
  id: string;
  kind: string;
  locator: string;
  telegramId: string | null;
  title: string | null;
  label: OmLabel | null;
  score: number | null;
  reasons: string[];
  status: OmStatus;
  shopId: string | null;
  shopCode: string | null;
  isMirror: boolean;
  regionCode: string | null;
  sourceCount: number;
  firstSeenAt: string;
  statusChangedAt: string;
  captureError: string | null;
  version: number;
  can: OmAbilities;
};

/** A found indicator; card numbers arrive masked ("•••• 1234"). */
export type OmIndicator = { type: string; value: string };

export type OmEvent = {
  id: string;
  resourceId: string | null;
  shopId: string | null;
  kind: string;
  fromStatus: string | null;
  toStatus: string | null;
  actor: string;
  detail: Record<string, unknown>;
  at: string;
};

export type OmDecision = {
  action: string;
  legalBasis: string;
  decisionNumber: string;
  decisionDate: string;
  decisionBody: string;
  reason: string;
  decidedBy: string;
  decidedAt: string;
};

export type OmCheck = { checkedAt: string; reachable: boolean; httpStatus: number | null; error: string | null };

export type OmResourceDetail = OmResource & {
  textSample: string | null;
  indicators: OmIndicator[];
  decisions: OmDecision[];
  checks: OmCheck[];
  submissions: { source: string; inputKind: string; regionCode: string | null; createdAt: string }[];
  events: OmEvent[];
};

export type OmShop = {
  id: string;
  code: string;
  name: string;
  status: string;
  mergedInto: string | null;
  firstSeenAt: string;
  lastSeenAt: string;
  resources: OmResource[];
  handles: string[];
  domains: string[];
  paymentIdentifiers: OmIndicator[];
  timeline: OmEvent[];
  graph: {
    nodes: { id: string; type: string; label: string; status: string | null }[];
    edges: { from: string; to: string; kind: string }[];
  };
};

/** The decision recorded with an approval (one for all items of a bulk approval). */
export type OmDecisionInput = {
  legalBasis: string;
  decisionNumber: string;
  decisionDate: string;
  decisionBody: string;
  reason: string;
};

export type OmBulkAction = 'take' | 'dismiss' | 'approve';
export type OmBulkOutcome = {
  id: string;
  ok: boolean;
  status: string | null;
  version: number | null;
  error: string | null;
  code: string | null;
};

export type OmEvidenceArtefact = {
  id: string;
  resourceId: string;
  captureId: string;
  kind: 'capture' | 'warc' | 'screenshot' | 'photo';
  url: string | null;
  retrievedAt: string;
  httpStatus: number | null;
  headers: Record<string, string>;
  resolvedIps: string[];
  contentType: string;
  size: number;
  sha256: string;
  capturedBy: string;
  createdAt: string;
};

export type OmDayFigures = {
  day: string;
  found: number;
  approved: number;
  published: number;
  blocked: number;
  mirrors: number;
  medianHoursToBlock: number | null;
  p90HoursToBlock: number | null;
};

export type OmDashboard = {
  from: string;
  to: string;
  days: OmDayFigures[];
  totals: {
    found: number;
    approved: number;
    blocked: number;
    mirrors: number;
    medianHoursToBlock: number | null;
    p90HoursToBlock: number | null;
  };
  byLabel: { label: string; count: number }[];
  bySource: { source: string; count: number }[];
  byRegion: { regionCode: string; count: number }[];
};

export type FeedKind = 'domain' | 'url' | 'telegram';

export type FeedVersion = {
  version: number;
  previousVersion: number | null;
  createdAt: string;
  entryCount: number;
  addedCount: number;
  removedCount: number;
  keyId: string;
  formats: { format: string; sha256: string; bytes: number }[];
  decisions: { change: 'added' | 'removed'; action: string; decidedBy: string; decisionNumber: string; count: number }[];
};

export type FeedChange = {
  resourceId: string;
  value: string;
  kind: FeedKind;
  legalBasis: string;
  decisionNumber: string;
  decisionDate: string;
  decisionBody: string;
  decidedBy: string | null;
  restore: { decisionNumber: string; reason: string; decidedBy: string } | null;
};

export type FeedVersionDetail = FeedVersion & { added: FeedChange[]; removed: FeedChange[] };

export type FeedPublicKey = { algorithm: 'Ed25519'; keyId: string; publicKeyPem: string };

export type LegalReference = {
  code: string;
  law: string;
  article: string | null;
  wording: { kk: string; ru: string; en: string };
  validFrom: string;
  validTo: string | null;
};

/** The public report form's anti-abuse token and limits (GET /report/form). */
export type OmReportForm = { formToken: string; minFillSeconds: number; maxPhotoBytes: number };

export type OmReportInput = {
  link?: string;
  handle?: string;
  text?: string;
  photo?: { contentType: 'image/png' | 'image/jpeg'; base64: string };
  latitude?: number;
  longitude?: number;
  regionCode?: string;
  formToken: string;
  /** Honeypot: people never see it. */
  website?: string;
};

export type OmReportResult = { accepted: boolean; reference: string | null; items: number };
