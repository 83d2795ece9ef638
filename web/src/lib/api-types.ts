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
