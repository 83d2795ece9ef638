// Wire types of the drug-money (payments) API: src/modules/payments/*.schema.ts. Keep in step with them.

export const PAY_ALERT_STATUSES = ['open', 'assigned', 'escalated', 'false_positive', 'confirmed'] as const;
export type PayAlertStatus = (typeof PAY_ALERT_STATUSES)[number];
export const PAY_ROLES = ['drop', 'collector', 'cashout', 'shop_owner'] as const;
export const PAY_DISPOSITIONS = ['false_positive', 'escalate', 'confirmed'] as const;
export type PayDisposition = (typeof PAY_DISPOSITIONS)[number];
export const PAY_CASE_STATUSES = ['open', 'escalated', 'closed'] as const;
export type PayCaseStatus = (typeof PAY_CASE_STATUSES)[number];
export const PAY_WATCH_TYPES = ['card', 'phone', 'account', 'wallet'] as const;

export type PayAlert = {
  id: string;
  /** What people see: `****1234` for cards. */
  account: string;
  /** The stored key (keyed hash for cards) when the API sends it; the network view takes it. */
  accountKey?: string;
  score: number;
  role: string | null;
  reasons: string[];
  rules: string[];
  status: PayAlertStatus;
  assignee: string | null;
  note: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  abilities: { canTriage: boolean };
};

export type PayComment = { id: string; body: string; author: string; createdAt: string };

export type PayDispositionRecord = {
  id: string;
  alertId: string | null;
  caseId: string | null;
  disposition: PayDisposition;
  reason: string;
  rules: string[];
  decidedBy: string;
  decidedAt: string;
};

export type PayAlertHistory = { items: PayComment[]; dispositions: PayDispositionRecord[] };

export type PayAd = { source: string; type: string; shopRef: string | null; evidenceRef: string | null };

export type PayNetworkNode = {
  /** Stored key: keyed hash for card numbers, the identifier as given otherwise. */
  id: string;
  label: string;
  kind: 'card' | 'other' | 'cash';
  hop: number;
  score: number | null;
  flag: boolean;
  role: string | null;
  alertId: string | null;
  alertStatus: string | null;
  isWatchlisted: boolean;
  ads: PayAd[];
};

export type PayNetworkEdge = {
  from: string;
  to: string;
  amount: number;
  count: number;
  firstAt: string;
  lastAt: string;
  series: { day: string; amount: number; count: number }[];
};

export type PayNetwork = {
  roots: string[];
  hops: number;
  from: string | null;
  to: string | null;
  truncated: boolean;
  maxNodes: number;
  nodes: PayNetworkNode[];
  edges: PayNetworkEdge[];
};

export type PayCaseSummary = {
  id: string;
  code: string;
  title: string;
  status: PayCaseStatus;
  disposition: PayDisposition | null;
  accounts: string[];
  assignee: string | null;
  createdBy: string;
  version: number;
  createdAt: string;
  updatedAt: string;
};

export type PayReportKind = 'fm1' | 'freeze';
export type PayReportRef = { id: string; kind: PayReportKind; createdBy: string; createdAt: string };
export type PayReport = PayReportRef & { caseId: string; body: Record<string, unknown> };

export type PayCaseDetail = PayCaseSummary & {
  alerts: PayAlert[];
  comments: PayComment[];
  dispositions: PayDispositionRecord[];
  reports: PayReportRef[];
  network: PayNetwork | null;
  abilities: { canTriage: boolean; canReport: boolean };
};

export type PayDispositionCounts = { confirmed: number; escalate: number; false_positive: number };

/** GET /api/payments/engine: this server's live engine and graph pass. */
export type PayEngineStatus = {
  ready: boolean;
  ruleSetVersion: string;
  replayed: number;
  accounts: number;
  activeWindows: number;
  processed: number;
  graphPass: {
    intervalSeconds: number | null;
    last: { at: string; ms: number; accounts: number; reported: number; flagged: number } | null;
  };
};

export type PayRuleOverview = {
  version: number;
  ruleSetVersion: string;
  flagThreshold: number;
  roleThresholds: Record<string, number>;
  rules: {
    id: string;
    description: string;
    kind: string;
    enabled: boolean;
    params: Record<string, unknown>;
    simulatorPrecision: number | null;
    measuredOn: string | null;
    livePrecision: number | null;
    dispositions: PayDispositionCounts;
  }[];
};

export type PayRuleSetSummary = {
  version: number;
  note: string;
  createdBy: string;
  createdAt: string;
  isActive: boolean;
  activatedBy: string | null;
  activatedAt: string | null;
};

export type PayRuleSetDetail = PayRuleSetSummary & { body: Record<string, unknown> };

export type PayWatchEntry = {
  id: string;
  identifier: string;
  type: string;
  source: string;
  provenance: string;
  confidence: number;
  shopRef: string | null;
  evidenceRef: string | null;
  createdBy: string;
  createdAt: string;
};

export type PayWatchResult = { added: number; skipped: number; items: PayWatchEntry[] };
