// Browser flow of the online-markets pages: queue → review → approval → shop graph with a mirror → feed
// history → citizen report (no login) → dashboard → the prosecutor's read-only view.
// Run: node --import tsx --test test/e2e/online-markets.e2e.test.ts   (screenshots land in test-results/screenshots/)
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { regenerateFeed } from '../../src/modules/online-markets/feed/regenerate.ts';
import { buildOmResource } from '../../src/modules/online-markets/workflow/testing.ts';
import { buildUser } from '../../src/testing/factories.ts';
import { startTestServer } from '../../src/testing/test-server.ts';
import {
  catalogue,
  ensureWebBuild,
  launchBrowser,
  newContext,
  screenshot,
  shootAllLanguages,
  signIn,
  watchErrors,
  type DemoUser,
} from './web-harness.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let analyst: DemoUser;
let approver: DemoUser;
let shop: { id: string; code: string };
const contexts: BrowserContext[] = [];
const en = catalogue('en');

// Synthetic ads: invented handles and domains only.
const AD = 'Мефедрон, альфа, закладки по городу, пиши @e2e_shop_kz или на сайт e2e-shop.kz';
const MIRROR_AD = 'Альфа PVP и меф, закладки 24/7, новый сайт e2e-shop-mirror.kz, пиши @e2e_shop_kz';

/** A demo login of the role when the demo data has one, otherwise a fresh user of it. */
async function userOf(role: string, organisationCode: string): Promise<DemoUser> {
  const demo = server.demo.users.find((u) => u.role === role);
  return demo ?? buildUser(server.platform, { role, organisationCode });
}

async function signedIn(user: DemoUser): Promise<{ page: Page; errors: string[] }> {
  const context = await newContext(browser);
  contexts.push(context);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signIn(page, server.url, user);
  return { page, errors };
}

async function resourceOf(locator: string) {
  return server.platform.db.selectFrom('om_resources').selectAll().where('locator', '=', locator).executeTakeFirstOrThrow();
}

const shoot = (page: Page, name: string, path: string) => shootAllLanguages(page, server.url, `om-${name}`, path);
const queueRow = (page: Page, locator: string) => page.locator('.data-table tbody tr', { has: page.locator('a', { hasText: locator }) });

before(async () => {
  await ensureWebBuild();
  server = await startTestServer();
  browser = await launchBrowser();
  analyst = await userOf('om_analyst', 'MIA');
  approver = await userOf('om_approver', 'MCI');
  const built = await buildOmResource(server.platform, AD);
  const row = await server.platform.db
    .selectFrom('om_shops')
    .select(['id', 'code'])
    .where('id', '=', built.shopId)
    .executeTakeFirstOrThrow();
  shop = { id: row.id, code: row.code };
});

after(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.close();
});

test('an analyst sees the queue and takes items into review (bulk, and one from its page)', async () => {
  const { page, errors } = await signedIn(analyst);
  assert.equal(await page.locator('.side-nav a[href="/online-markets/queue"]').count(), 1);
  await page.goto(`${server.url}/online-markets/queue?shop=${shop.code}`);
  await queueRow(page, 'e2e-shop.kz').waitFor();
  assert.equal(await page.locator('[data-testid="om-select"]').count(), 3, 'text, handle and domain of the shop');
  await shoot(page, 'queue', `/online-markets/queue?shop=${shop.code}`);

  await queueRow(page, 'e2e-shop.kz').locator('[data-testid="om-select"]').check();
  await page.locator('[data-testid="om-bulk-take"]').click();
  await page.locator('[data-testid="om-bulk-outcomes"] li[data-ok="true"]').waitFor();
  assert.match(await page.locator('[data-testid="om-bulk-outcomes"]').innerText(), new RegExp(en['om.status.in_review']!));
  assert.equal((await resourceOf('e2e-shop.kz')).status, 'in_review');

  const handle = await resourceOf('e2e_shop_kz');
  await page.goto(`${server.url}/online-markets/resources/${handle.id}`);
  await page.locator('[data-testid="om-reasons"] li').first().waitFor();
  await page.locator('[data-testid="om-take"]').click();
  await page.locator('.page-header .om-status-in_review').waitFor();
  assert.equal((await resourceOf('e2e_shop_kz')).status, 'in_review');
  await shoot(page, 'resource', `/online-markets/resources/${handle.id}`);
  assert.deepEqual(errors, []);
});

test('an approver (TOTP) approves with a legal basis; the item leaves the review queue as approved', async () => {
  assert.ok(approver.totpSecret, 'approvers are privileged');
  const { page, errors } = await signedIn(approver);
  const inReview = `/online-markets/queue?shop=${shop.code}&status=in_review`;
  await page.goto(`${server.url}${inReview}`);
  await queueRow(page, 'e2e-shop.kz').locator('[data-testid="om-select"]').check();
  await page.locator('[data-testid="om-bulk-approve-open"]').click();
  const form = page.locator('[data-testid="om-bulk-approve-form"]');
  await form.locator('option[value="law-communications-41-1"]', { hasText: '41-1' }).waitFor({ state: 'attached' });
  await form.locator('select[name="legalBasis"]').selectOption('law-communications-41-1');
  await form.locator('input[name="decisionNumber"]').fill('E2E-2025/17');
  await form.locator('input[name="decisionBody"]').fill('Ministry of Culture and Information (synthetic)');
  await form.locator('textarea[name="reason"]').fill('Sells synthetic cathinones through stash drops (synthetic test)');
  await screenshot(page, 'en-om-queue-approve');
  await form.locator('button[type="submit"]').click();
  await page.locator('[data-testid="om-bulk-outcomes"] li[data-ok="true"]').waitFor();
  assert.match(await page.locator('[data-testid="om-bulk-outcomes"]').innerText(), new RegExp(en['om.status.approved']!));
  await queueRow(page, 'e2e-shop.kz').waitFor({ state: 'detached' });
  await queueRow(page, 'e2e_shop_kz').waitFor();

  const approved = await resourceOf('e2e-shop.kz');
  assert.equal(approved.status, 'approved');
  const decision = await server.platform.db
    .selectFrom('om_decisions')
    .select(['legal_basis', 'decision_number'])
    .where('resource_id', '=', approved.id)
    .executeTakeFirstOrThrow();
  assert.deepEqual(decision, { legal_basis: 'law-communications-41-1', decision_number: 'E2E-2025/17' });
  await page.goto(`${server.url}/online-markets/queue?shop=${shop.code}&status=approved`);
  await queueRow(page, 'e2e-shop.kz').locator('.om-status-approved').waitFor();
  assert.deepEqual(errors, []);
});

test('the shop profile draws the graph with the new mirror of the blocked shop', async () => {
  await buildOmResource(server.platform, MIRROR_AD);
  const mirror = await resourceOf('e2e-shop-mirror.kz');
  assert.equal(mirror.shop_id, shop.id, 'the mirror joined the shop through the shared handle');
  assert.equal(mirror.is_mirror, true);
  const { page, errors } = await signedIn(analyst);
  await page.goto(`${server.url}/online-markets/shops/${shop.id}`);
  await page.locator(`.network-node.node-mirror[data-node-id="${mirror.id}"]`).waitFor();
  assert.ok((await page.locator('.network-node.node-telegram').count()) >= 1, 'the handle is a node');
  assert.equal(await page.locator('.network-node.node-shop').count(), 1);
  assert.ok(Number(await page.locator('[data-testid="om-shop-mirrors"]').innerText()) >= 1);
  await shoot(page, 'shop', `/online-markets/shops/${shop.id}`);
  assert.deepEqual(errors, []);
});

test('the feed history lists the version the feed job made, with the approved domain and the public key', async () => {
  const result = await regenerateFeed(server.platform);
  assert.ok(result.version, 'a version was written');
  const { page, errors } = await signedIn(analyst);
  await page.goto(`${server.url}/online-markets/feed`);
  await page.locator('[data-testid="om-feed-detail"] a', { hasText: 'e2e-shop.kz' }).waitFor();
  assert.match(await page.locator('[data-testid="om-feed-key"] pre').first().innerText(), /BEGIN PUBLIC KEY/);
  await shoot(page, 'feed', '/online-markets/feed');
  assert.deepEqual(errors, []);
});

test('a citizen reports an ad without logging in and gets a reference number', async () => {
  const context = await newContext(browser);
  contexts.push(context);
  await context.grantPermissions(['geolocation']);
  await context.setGeolocation({ latitude: 43.2389, longitude: 76.8897 });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${server.url}/login`);
  await page.locator('a[href="/report"]').click();
  await page.locator('[data-testid="report-form"]').waitFor();
  // a file that is not a photo is refused in the browser
  await page.locator('#report-photo').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
  await page.locator('.field-error', { hasText: en['report.photoType']! }).waitFor();
  await page.locator('#report-photo').setInputFiles([]);
  await page.locator('#report-link').fill('https://e2e-citizen-shop.kz/buy');
  await page.locator('#report-text').fill('Продам мефедрон, закладки, пиши на сайт (синтетический тест)');
  await page.locator('#report-region').selectOption('KZ-75');
  await page.locator('[data-testid="report-locate"]').click();
  await page.locator('[data-testid="report-location"]').waitFor();
  await page.locator('[data-testid="report-form"] button[type="submit"]').click();
  const reference = (await page.locator('[data-testid="report-reference"]').innerText()).trim();
  const submission = await server.platform.db
    .selectFrom('om_submissions')
    .select(['source', 'region_code'])
    .where('id', '=', reference)
    .executeTakeFirstOrThrow();
  assert.deepEqual(submission, { source: 'citizen', region_code: 'KZ-75' });
  await shoot(page, 'report', '/report');
  assert.deepEqual(errors, []);
});

test('the dashboard renders the daily chart, the figures and citizen reports by region', async () => {
  const { page, errors } = await signedIn(analyst);
  await page.goto(`${server.url}/online-markets/dashboard`);
  await page.locator('.daily-chart svg').waitFor();
  await page.locator('[data-testid="om-dashboard-totals"]').waitFor();
  assert.ok((await page.locator('.daily-chart rect').count()) > 0, 'bars are drawn');
  await page.locator('.tile-map .tile').first().waitFor();
  assert.equal(await page.locator('.tile-map .tile').count(), 20, 'every region has its tile');
  const found = Number((await page.locator('[data-testid="om-dashboard-totals"] dd').first().innerText()).replace(/\D/g, ''));
  assert.ok(found >= 6, `found ${found}`);
  await shoot(page, 'dashboard', '/online-markets/dashboard');
  assert.deepEqual(errors, []);
});

test('the prosecutor (auditor) sees the queue and a resource read-only: no action buttons', async () => {
  const auditor = server.demo.users.find((u) => u.username === 'auditor');
  assert.ok(auditor);
  const { page, errors } = await signedIn(auditor);
  await page.goto(`${server.url}/online-markets/queue?shop=${shop.code}`);
  await queueRow(page, 'e2e_shop_kz').waitFor();
  assert.equal(await page.locator('[data-testid="om-bulk"]').count(), 0);
  assert.equal(await page.locator('[data-testid="om-select"]').count(), 0);
  const handle = await resourceOf('e2e_shop_kz');
  await page.goto(`${server.url}/online-markets/resources/${handle.id}`);
  await page.locator('[data-testid="om-timeline"]').waitFor();
  assert.equal(await page.locator('[data-testid="om-actions"]').count(), 0);
  assert.equal(await page.locator('main button.primary').count(), 0);
  await shoot(page, 'queue-auditor', `/online-markets/queue?shop=${shop.code}`);
  assert.deepEqual(errors, []);
});
