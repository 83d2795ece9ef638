import type { TFunction } from 'i18next';

// Online-markets codes → words. Every key is a literal so scripts/i18n-extract.ts can see it;
// an unknown code (a newer server) is shown as it is.

const pick = (names: Record<string, string>, code: string | null | undefined): string => (code ? (names[code] ?? code) : '—');

/** The name of a workflow status. */
export function statusName(t: TFunction, status: string | null | undefined): string {
  return pick(
    {
      detected: t('om.status.detected'),
      in_review: t('om.status.in_review'),
      dismissed: t('om.status.dismissed'),
      approved: t('om.status.approved'),
      published: t('om.status.published'),
      blocked: t('om.status.blocked'),
      reachable: t('om.status.reachable'),
      restored: t('om.status.restored'),
    },
    status,
  );
}

/** The name of a classifier label. */
export function labelName(t: TFunction, label: string | null | undefined): string {
  if (!label) return t('om.label.unscanned');
  return pick(
    {
      drug_ad: t('om.label.drug_ad'),
      drug_recruitment: t('om.label.drug_recruitment'),
      benign: t('om.label.benign'),
      unscanned: t('om.label.unscanned'),
    },
    label,
  );
}

/** The name of a resource kind or of a graph node type. */
export function kindName(t: TFunction, kind: string): string {
  return pick(
    {
      domain: t('om.kind.domain'),
      url: t('om.kind.url'),
      telegram: t('om.kind.telegram'),
      text: t('om.kind.text'),
      photo: t('om.kind.photo'),
      resource: t('om.kind.resource'),
      shop: t('om.kind.shop'),
      mirror: t('om.kind.mirror'),
      payment: t('om.kind.payment'),
      card: t('om.kind.card'),
      phone: t('om.kind.phone'),
      crypto: t('om.kind.crypto'),
      email: t('om.kind.email'),
      other: t('om.kind.other'),
    },
    kind,
  );
}

/** Where a submission came from. */
export function sourceName(t: TFunction, source: string): string {
  return pick(
    {
      analyst: t('om.source.analyst'),
      citizen: t('om.source.citizen'),
      crawler: t('om.source.crawler'),
      partner: t('om.source.partner'),
      recheck: t('om.source.recheck'),
    },
    source,
  );
}

/** The name of a timeline event. */
export function eventName(t: TFunction, kind: string): string {
  return pick(
    {
      detected: t('om.event.detected'),
      indicators_added: t('om.event.indicators_added'),
      captured: t('om.event.captured'),
      capture_failed: t('om.event.capture_failed'),
      check_failed: t('om.event.check_failed'),
      shop_created: t('om.event.shop_created'),
      shop_merged: t('om.event.shop_merged'),
      shop_merged_into: t('om.event.shop_merged_into'),
      resource_attached: t('om.event.resource_attached'),
      mirror_detected: t('om.event.mirror_detected'),
      take: t('om.action.take'),
      dismiss: t('om.action.dismiss'),
      reopen: t('om.action.reopen'),
      approve: t('om.action.approve'),
      restore: t('om.action.restore'),
      published: t('om.event.published'),
      feed_removed: t('om.event.feed_removed'),
      returned: t('om.event.returned'),
    },
    kind,
  );
}

/** A score 0..1 as a percentage, or a dash before the classifier ran. */
export function scoreText(score: number | null): string {
  return score === null ? '—' : `${Math.round(score * 100)}%`;
}

/** How a resource is named on screen: its address, or for a text ad its title or a short id. */
export function resourceTitle(t: TFunction, r: { kind: string; locator: string; title: string | null }): string {
  if (r.kind !== 'text') return r.locator;
  return r.title ?? `${t('om.kind.text')} ${r.locator.slice(0, 8)}`;
}
