import { sql } from 'kysely';
import { SYSTEM_ACTOR } from '../../../kernel/access/actor.ts';
import type { Tx } from '../../../kernel/db/database.ts';
import type { DemoLogin, DemoSeedReport } from '../../../kernel/module.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { createRng, syntheticPerson } from '../../../kernel/synthetic/index.ts';
import { createUser, demoCredentials, upsertOrganisation } from '../../identity/index.ts';
import { ingestItem } from './intake.service.ts';
import { transitionIn, todayKz } from './review.service.ts';
import { luhnCard } from './testing.ts';

type Account = { username: string; role: string; organisationCode: string };

const ACCOUNTS: readonly Account[] = [
  { username: 'om.analyst', role: 'om_analyst', organisationCode: 'MIA' },
  { username: 'om.approver', role: 'om_approver', organisationCode: 'MCI' },
  { username: 'isp.operator', role: 'isp_operator', organisationCode: 'ISP-DEMO' },
];

/** The online-markets demo accounts; passwords (and TOTP for privileged roles) derive from the seed. */
export function onlineMarketsDemoUsers(seed: string, registry: Platform['registry']): DemoLogin[] {
  return ACCOUNTS.map((a) => ({
    username: a.username,
    role: a.role,
    regionCode: null,
    ...demoCredentials(seed, a.username, registry.role(a.role)?.privileged ?? false),
  }));
}

/** Synthetic shops: each ad names the shop's site, bot and payment details (never real ones). */
function demoAds(seed: string): { text: string; region: string; daysAgo: number; flow: 'approve' | 'review' | 'dismiss' | 'none' }[] {
  const rng = createRng(`${seed}/online-markets/ads`);
  const card = () => luhnCard(`4400${String(rng.int(0, 99_999_999_999)).padStart(11, '0')}`);
  const phone = () => `+7799${String(rng.int(0, 9_999_999)).padStart(7, '0')}`;
  const shops = [
    { name: 'kristall', city: 'Алматы', region: 'KZ-75', card: card(), phone: phone() },
    { name: 'snegopad', city: 'Астана', region: 'KZ-71', card: card(), phone: phone() },
    { name: 'alpine', city: 'Шымкент', region: 'KZ-79', card: card(), phone: phone() },
    { name: 'stepnoy', city: 'Караганда', region: 'KZ-35', card: card(), phone: phone() },
  ];
  const ads: ReturnType<typeof demoAds> = [];
  shops.forEach((s, i) => {
    ads.push({
      text: `Закладки мефедрон, соль, шишки по г. ${s.city} 24/7. Гарантия находа, отзывы в боте @synth_${s.name}_bot. Сайт synth-${s.name}.kz. Оплата на карту ${s.card}`,
      region: s.region,
      daysAgo: 26 - i * 3,
      flow: 'approve',
    });
    ads.push({
      text: `Новый адрес магазина: synth-${s.name}-mirror${i + 1}.kz — старый заблокирован. Мефедрон и альфа, моментальные клады. Оплата ${s.card} или ${s.phone}`,
      region: s.region,
      daysAgo: 12 - i * 2,
      flow: i % 2 === 0 ? 'approve' : 'review',
    });
    ads.push({
      text: `Работа курьером-закладчиком в г. ${s.city}: ЗП от 300 000 ₸ в неделю, без опыта, график свободный. Пиши @synth_${s.name}_rabota`,
      region: s.region,
      daysAgo: 6 - i,
      flow: i === 3 ? 'none' : 'review',
    });
  });
  ads.push({
    text: 'Полиция г. Алматы задержала распространителя наркотиков. О рекламе закладок в интернете сообщайте по номеру 102.',
    region: 'KZ-75',
    daysAgo: 4,
    flow: 'dismiss',
  });
  ads.push({
    text: 'Аптека на Абая: лекарства по рецепту врача, доставка по городу. Часы работы 8:00–22:00.',
    region: 'KZ-75',
    daysAgo: 2,
    flow: 'none',
  });
  return ads;
}

/** Demo accounts, synthetic shops with mirrors and resources in every workflow status, spread over a month. */
export async function seedDemoOnlineMarkets(tx: Tx, p: Platform, seed: string): Promise<DemoSeedReport> {
  const ctx = { actor: { ...SYSTEM_ACTOR, username: 'demo-seed' }, requestId: 'demo-seed', locale: 'ru' as const };
  await upsertOrganisation(tx, {
    code: 'ISP-DEMO',
    kind: 'client',
    kk: 'Интернет-провайдер (синтетикалық)',
    ru: 'Интернет-провайдер (синтетический)',
    en: 'Internet service provider (synthetic)',
    regionCode: null,
  });
  const rng = createRng(`${seed}/online-markets/users`);
  for (const u of onlineMarketsDemoUsers(seed, p.registry)) {
    const person = syntheticPerson(rng);
    const a = ACCOUNTS.find((x) => x.username === u.username);
    await createUser(
      p,
      ctx,
      {
        username: u.username,
        displayName: `${person.lastName} ${person.firstName}`,
        password: u.password,
        role: u.role,
        organisationCode: a?.organisationCode ?? 'MIA',
        regionCode: null,
        locale: 'ru',
      },
      { isSynthetic: true, ...(u.totpSecret ? { totpSecret: u.totpSecret } : {}), tx },
    );
  }
  let decision = 100;
  let resources = 0;
  for (const ad of demoAds(seed)) {
    const out = await ingestItem(p, tx, ctx, { source: 'analyst', inputKind: 'text', input: ad.text, regionCode: ad.region });
    if (!out.resourceId) continue;
    const shop = out.shopCode ? await shopId(tx, out.shopCode) : null;
    const resourceId = out.resourceId;
    const related = await tx
      .selectFrom('om_resources')
      .select(['id', 'status', 'version'])
      .where((eb) => (shop ? eb.or([eb('id', '=', resourceId), eb('shop_id', '=', shop)]) : eb('id', '=', resourceId)))
      .where('status', 'in', ['detected', 'in_review'])
      .execute();
    for (const r of related) {
      resources++;
      if (ad.flow === 'none') continue;
      let current =
        r.status === 'in_review' && ad.flow !== 'dismiss'
          ? r
          : await transitionIn(p, tx, ctx, r.id, ad.flow === 'dismiss' ? 'dismiss' : 'take', { version: r.version, reason: 'demo' });
      if (ad.flow === 'approve' && current.status === 'in_review') {
        current = await transitionIn(p, tx, ctx, r.id, 'approve', {
          version: current.version,
          decision: {
            legalBasis: 'law-communications-41-1',
            decisionNumber: `MCI-OM-2026/${decision++}`,
            decisionDate: todayKz(),
            decisionBody: 'Ministry of Culture and Information (synthetic)',
            reason: 'Sale of narcotic drugs through an online shop (demo)',
          },
        });
      }
    }
    // spread the demo over the past month so the dashboard has a history
    const shift = sql`make_interval(days => ${ad.daysAgo}, hours => ${rng.int(0, 11)})`;
    const ids = [out.resourceId, ...related.map((r) => r.id)];
    await sql`update om_resources set first_seen_at = first_seen_at - ${shift}, status_changed_at = status_changed_at - ${shift} + make_interval(days => 1),
      approved_at = approved_at - ${shift} + make_interval(days => 1) where id = any(${ids}::uuid[])`.execute(tx);
    await sql`update om_events set at = at - ${shift} + case when kind = 'approve' then make_interval(days => 1) else make_interval() end
      where resource_id = any(${ids}::uuid[])`.execute(tx);
    await sql`update om_submissions set created_at = created_at - ${shift} where resource_id = any(${ids}::uuid[])`.execute(tx);
    await sql`update om_decisions set decided_at = decided_at - ${shift} + make_interval(days => 1) where resource_id = any(${ids}::uuid[])`.execute(
      tx,
    );
    if (ad.flow === 'approve' && ad.daysAgo >= 10) await showBlocked(tx, ids);
  }
  // citizens' reports from several regions (the dashboard map)
  const citizenRng = createRng(`${seed}/online-markets/citizens`);
  for (const [i, region] of ['KZ-75', 'KZ-75', 'KZ-71', 'KZ-79', 'KZ-35', 'KZ-55', 'KZ-63', 'KZ-23'].entries()) {
    await ingestItem(p, tx, ctx, {
      source: 'citizen',
      inputKind: 'telegram',
      input: `@synth_graffiti_${citizenRng.int(100, 999)}_${i}`,
      text: 'Надпись на стене у подъезда: закладки, мефедрон, телеграм',
      regionCode: region,
    });
  }
  return { lines: [`  ${resources} synthetic online drug-market resources in 4 shops (om.analyst, om.approver, isp.operator)`] };
}

/**
 * What the feed job and the re-check would have done to an older approval: published in the ISP feed
 * a few hours later and verified blocked the next day (the demo has no network to check for real).
 */
async function showBlocked(tx: Tx, ids: string[]): Promise<void> {
  const approved = await tx
    .selectFrom('om_resources')
    .select(['id', 'shop_id', 'approved_at'])
    .where('id', 'in', ids)
    .where('status', '=', 'approved')
    .execute();
  for (const r of approved) {
    const at = new Date(r.approved_at ?? Date.now());
    const published = new Date(at.getTime() + 3 * 3600e3);
    const verified = new Date(at.getTime() + 20 * 3600e3);
    await tx
      .updateTable('om_resources')
      .set({
        status: 'blocked',
        published_at: published,
        verified_at: verified,
        status_changed_at: verified,
        next_check_at: new Date(Date.now() + 86400e3),
      })
      .where('id', '=', r.id)
      .execute();
    await tx
      .insertInto('om_checks')
      .values({ resource_id: r.id, checked_at: verified, reachable: false, http_status: null, error: 'dns_failed: demo' })
      .execute();
    const event = (kind: string, from: string, to: string, when: Date) => ({
      resource_id: r.id,
      shop_id: r.shop_id,
      kind,
      from_status: from,
      to_status: to,
      actor: kind === 'published' ? 'om-feed' : 'om-crawler',
      detail: JSON.stringify({ demo: true }),
      at: when,
    });
    await tx
      .insertInto('om_events')
      .values([event('published', 'approved', 'published', published), event('verified_blocked', 'published', 'blocked', verified)])
      .execute();
  }
}

async function shopId(tx: Tx, code: string): Promise<string | null> {
  const row = await tx.selectFrom('om_shops').select('id').where('code', '=', code).executeTakeFirst();
  return row?.id ?? null;
}
