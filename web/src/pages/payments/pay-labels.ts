import type { TFunction } from 'i18next';
import type { PayNetworkNode } from '../../lib/payments-types';

// Drug-money codes → words. Every key is a literal so scripts/i18n-extract.ts can see it.

const pick = (names: Record<string, string>, code: string | null | undefined): string => (code ? (names[code] ?? code) : '—');

/** The name of an alert status. */
export function alertStatusName(t: TFunction, status: string | null | undefined): string {
  return pick(
    {
      open: t('pay.alertStatus.open'),
      assigned: t('pay.alertStatus.assigned'),
      escalated: t('pay.alertStatus.escalated'),
      false_positive: t('pay.alertStatus.false_positive'),
      confirmed: t('pay.alertStatus.confirmed'),
    },
    status,
  );
}

/** The name of an account's role in a drug-money network. */
export function roleName(t: TFunction, role: string | null | undefined): string {
  return pick(
    {
      drop: t('pay.role.drop'),
      collector: t('pay.role.collector'),
      cashout: t('pay.role.cashout'),
      shop_owner: t('pay.role.shop_owner'),
    },
    role,
  );
}

/** The name of a disposition. */
export function dispositionName(t: TFunction, disposition: string | null | undefined): string {
  return pick(
    {
      false_positive: t('pay.disposition.false_positive'),
      escalate: t('pay.disposition.escalate'),
      confirmed: t('pay.disposition.confirmed'),
    },
    disposition,
  );
}

/** The name of a case status. */
export function caseStatusName(t: TFunction, status: string): string {
  return pick({ open: t('pay.caseStatus.open'), escalated: t('pay.caseStatus.escalated'), closed: t('pay.caseStatus.closed') }, status);
}

/** The name of a case output. */
export function reportKindName(t: TFunction, kind: string): string {
  return pick({ fm1: t('pay.report.fm1'), freeze: t('pay.report.freeze') }, kind);
}

/** The name of a watchlist identifier type. */
export function watchTypeName(t: TFunction, type: string): string {
  return pick(
    {
      card: t('pay.watchType.card'),
      phone: t('pay.watchType.phone'),
      account: t('pay.watchType.account'),
      wallet: t('pay.watchType.wallet'),
    },
    type,
  );
}

/** How a network node is drawn: watchlisted first, then its role, cash, flagged or benign. */
export function nodeKind(node: PayNetworkNode): string {
  if (node.kind === 'cash') return 'other';
  if (node.isWatchlisted) return 'watchlisted';
  if (node.role) return node.role;
  return node.flag ? 'account' : 'benign';
}

/** The legend text of a node kind. */
export function nodeKindName(t: TFunction, kind: string): string {
  return pick(
    {
      watchlisted: t('pay.node.watchlisted'),
      drop: t('pay.role.drop'),
      collector: t('pay.role.collector'),
      cashout: t('pay.role.cashout'),
      shop_owner: t('pay.role.shop_owner'),
      account: t('pay.node.flagged'),
      benign: t('pay.node.benign'),
      other: t('pay.node.cash'),
    },
    kind,
  );
}

/** A 0..1 share as a percentage (— when not measured). */
export function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${Math.round(value * 1000) / 10}%`;
}

/** What a rule (by its id, fixed in code) checks, in the user's language; null for an id this app does not know. */
export function ruleDescription(t: TFunction, id: string): string | null {
  const names: Record<string, string> = {
    fan_in: t('pay.ruleDesc.fan_in'),
    fast_forward: t('pay.ruleDesc.fast_forward'),
    pass_through: t('pay.ruleDesc.pass_through'),
    concentration: t('pay.ruleDesc.concentration'),
    p2p_channels: t('pay.ruleDesc.p2p_channels'),
    many_banks: t('pay.ruleDesc.many_banks'),
    price_amounts: t('pay.ruleDesc.price_amounts'),
    short_life: t('pay.ruleDesc.short_life'),
    night: t('pay.ruleDesc.night'),
    few_repeat_payers: t('pay.ruleDesc.few_repeat_payers'),
    merchant_inflow: t('pay.ruleDesc.merchant_inflow'),
    cashout_behaviour: t('pay.ruleDesc.cashout_behaviour'),
    collector: t('pay.ruleDesc.collector'),
    cashout_flow: t('pay.ruleDesc.cashout_flow'),
    shop_owner: t('pay.ruleDesc.shop_owner'),
    destination: t('pay.ruleDesc.destination'),
    feeder: t('pay.ruleDesc.feeder'),
    watchlist: t('pay.ruleDesc.watchlist'),
    flagged_neighbour: t('pay.ruleDesc.flagged_neighbour'),
    money_flow_rank: t('pay.ruleDesc.money_flow_rank'),
  };
  return names[id] ?? null;
}

/** The kind of a rule (behaviour, support, dampener, graph, list, live). */
export function ruleKindName(t: TFunction, kind: string): string {
  return pick(
    {
      behaviour: t('pay.ruleKind.behaviour'),
      support: t('pay.ruleKind.support'),
      dampener: t('pay.ruleKind.dampener'),
      graph: t('pay.ruleKind.graph'),
      list: t('pay.ruleKind.list'),
      live: t('pay.ruleKind.live'),
    },
    kind,
  );
}
