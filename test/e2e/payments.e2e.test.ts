// Browser flow of the drug-money pages: alerts queue → assign, comment → merge into a case with its network →
// FM-1 report and freeze recommendation → disposition → rules page; a regional user is refused.
// Run: node --import tsx --test test/e2e/payments.e2e.test.ts   (screenshots land in test-results/screenshots/)
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { buildAlertOn } from '../../src/modules/payments/cases.testing.ts';
import { liveScorer } from '../../src/modules/payments/payments.live.ts';
import { buildToken, buildUser } from '../../src/testing/factories.ts';
import { startTestServer } from '../../src/testing/test-server.ts';
import { ensureWebBuild, launchBrowser, newContext, shootAllLanguages, signIn, watchErrors, type DemoUser } from './web-harness.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let analyst: { page: Page; errors: string[]; username: string };
let caseUrl = '';

// Synthetic accounts only: a phone drop, a card drop, their collector and a cash-out.
const DROP_PHONE = '+77015550101';
const DROP_CARD = '4400555566662222';
const COLLECTOR = '4400999988883333';
const base = Date.parse('2025-09-01T10:00:00+05:00');
const iso = (ms: number) => `${new Date(ms + 5 * 3600e3).toISOString().slice(0, 19)}+05:00`;
const tx = (txId: string, ms: number, payerAccount: string, payeeAccount: string, amount: number, channel = 'card_p2p') => ({
  txId,
  timestamp: iso(ms),
  payerAccount,
  payeeAccount,
  amount,
  currency: 'KZT',
  channel,
  payerBank: 'KASPI',
  payeeBank: payeeAccount === COLLECTOR ? 'HALYK' : 'KASPI',
});

async function post(path: string, headers: Record<string, string>, body: unknown): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** A bank sends two days of fan-in → forward → cash-out traffic; the FIU lists one ad's phone; two alerts are raised. */
async function seedNetwork(): Promise<{ phoneAlert: string; cardAlert: string }> {
  const bank = await buildToken(server.platform, { organisationCode: 'AFM', permissions: ['payments.ingest'] });
  const rows = [];
  for (let i = 0; i < 8; i++) {
    rows.push(tx(`E2E-P1-${i}`, base + i * 600e3, `+7701000${String(i).padStart(4, '0')}`, DROP_PHONE, 5000 + i));
    rows.push(tx(`E2E-P2-${i}`, base + 86_400e3 + i * 600e3, `+7702000${String(i).padStart(4, '0')}`, DROP_CARD, 7000 + i));
  }
  rows.push(tx('E2E-F1', base + 2 * 3600e3, DROP_PHONE, COLLECTOR, 40000), tx('E2E-F2', base + 26 * 3600e3, DROP_CARD, COLLECTOR, 56000));
  rows.push(tx('E2E-C1', base + 30 * 3600e3, COLLECTOR, 'CASH', 90000, 'cash_withdrawal'));
  const res = await post('/api/payments/transactions', bank.headers, { transactions: rows });
  const body = (await res.json()) as { accepted: number };
  assert.equal(body.accepted, rows.length);
  return {
    phoneAlert: (await buildAlertOn(server.platform, DROP_PHONE, { score: 0.91, rules: ['fan_in', 'fast_forward'] })).id,
    cardAlert: (await buildAlertOn(server.platform, DROP_CARD, { score: 0.84, rules: ['fan_in', 'many_banks'] })).id,
  };
}

async function signedIn(user: DemoUser): Promise<{ page: Page; errors: string[] }> {
  const context = await newContext(browser);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signIn(page, server.url, user);
  return { page, errors };
}

let alerts: { phoneAlert: string; cardAlert: string };

before(async () => {
  await ensureWebBuild();
  server = await startTestServer();
  browser = await launchBrowser();
  alerts = await seedNetwork();
  const user = await buildUser(server.platform, { role: 'fiu_analyst', organisationCode: 'AFM', username: 'fiu.analyst.e2e' });
  assert.ok(user.totpSecret, 'FIU analysts sign in with a one-time code');
  // One sign-in for the whole file: a TOTP code is accepted once.
  analyst = { ...(await signedIn({ ...user, regionCode: null })), username: user.username };
  await analyst.page
    .context()
    .request.post(`${server.url}/api/payments/watchlist`, {
      headers: { 'x-csrf-token': await csrfOf(analyst.page) },
      data: {
        identifier: DROP_PHONE,
        type: 'phone',
        source: 'online-markets',
        provenance: 'synthetic ad',
        confidence: 0.9,
        shopRef: 'shop:synthetic-42',
        evidenceRef: 'evidence:e2e-1',
      },
    })
    .then((r) => assert.equal(r.status(), 201));
});

async function csrfOf(page: Page): Promise<string> {
  const session = await page.context().request.get(`${server.url}/api/auth/session`);
  return ((await session.json()) as { csrfToken: string }).csrfToken;
}

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the analyst assigns and comments an alert and sees its network, flows and ads', async () => {
  const { page, errors } = analyst;
  assert.equal(await page.locator('.side-nav a[href="/payments/alerts"]').count(), 1);
  await page.goto(`${server.url}/payments/alerts`);
  await page.locator(`input[data-alert-id="${alerts.phoneAlert}"]`).check();
  await page.locator('[data-testid="pay-assign-me"]').click();
  const row = page.locator('.data-table tbody tr', { has: page.locator(`a[href="/payments/alerts/${alerts.phoneAlert}"]`) });
  await row.locator('td', { hasText: analyst.username }).waitFor();

  await row.locator(`a[href="/payments/alerts/${alerts.phoneAlert}"]`).click();
  await page.locator('[data-testid="pay-alert-page"]').waitFor();
  assert.equal(await page.locator('[data-testid="pay-alert-assignee"]').textContent(), analyst.username);
  await page.locator('#pay-comment').fill('Fan-in from 8 new payers, forwarded within 2 h (synthetic).');
  await page.locator('[data-testid="pay-comment-form"] button[type="submit"]').click();
  await page.locator('[data-testid="pay-comments"] li', { hasText: 'Fan-in from 8 new payers' }).waitFor();
  // The network around the phone drop: payers, the collector, its cash-out; the ad it came from.
  const network = page.locator('[data-testid="pay-network"]');
  await network.locator('.network-node').first().waitFor();
  assert.ok((await network.locator('.network-node').count()) >= 10, 'payers, drop, collector and cash-out are drawn');
  assert.equal(await network.locator('.network-node.node-watchlisted').count(), 1, 'the watchlisted drop is marked');
  await network.locator('td', { hasText: 'shop:synthetic-42' }).waitFor();
  assert.ok((await page.locator('.daily-chart rect').count()) > 0, 'flows over time are drawn');
  assert.ok(!(await page.content()).includes(DROP_CARD), 'card numbers never reach the page');
  assert.deepEqual(errors, []);
});

test('the analyst merges two alerts into a case, generates FM-1 and freeze outputs and confirms it', async () => {
  const { page, errors } = analyst;
  await page.goto(`${server.url}/payments/alerts`);
  await page.locator(`input[data-alert-id="${alerts.phoneAlert}"]`).check();
  await page.locator(`input[data-alert-id="${alerts.cardAlert}"]`).check();
  await page.locator('#pay-case-title').fill('Synthetic shop: two drops and a collector');
  await page.locator('[data-testid="pay-new-case-form"] button[type="submit"]').click();
  await page.waitForURL(/\/payments\/cases\/[0-9a-f-]{36}$/);
  caseUrl = new URL(page.url()).pathname;
  await page.locator('[data-testid="pay-case-page"]').waitFor();
  assert.equal(await page.locator('[data-testid="pay-case-page"] .data-table').first().locator('tbody tr').count(), 2);
  await page.locator('[data-testid="pay-network"] .network-node').first().waitFor();
  assert.equal(await page.locator('.network-node.node-drop').count(), 1, 'the card drop is coloured by its role');
  assert.equal(await page.locator('.network-node.node-watchlisted').count(), 1, 'the phone drop from the ad is marked watchlisted');

  await page.locator('[data-testid="pay-generate-fm1"]').click();
  await page.locator('[data-testid="pay-report-fm1"]').waitFor();
  assert.ok((await page.locator('[data-testid="pay-report-fm1"]').textContent())?.includes('****2222'));
  await page.locator('#pay-freeze-bank').fill('KASPI');
  await page.locator('[data-testid="pay-generate-freeze"]').click();
  await page.locator('[data-testid="pay-report-freeze"]').waitFor();
  // the list of stored outputs is fetched again after each one: wait for it rather than read it at once
  await page.locator('[data-testid="pay-report-list"] li').nth(1).waitFor();
  assert.equal(await page.locator('[data-testid="pay-report-list"] li').count(), 2);
  const csv = await page
    .context()
    .request.get(`${server.url}${await page.locator('[data-testid="pay-report-freeze"] a[download]').getAttribute('href')}`);
  assert.equal(csv.status(), 200);
  assert.ok(!(await csv.text()).includes(DROP_CARD), 'the freeze CSV carries no card number');

  await page.locator('#pay-disposition').selectOption('confirmed');
  await page.locator('#pay-disposition-reason').fill('Two drops forward to one collector who cashes out (synthetic).');
  await page.locator('[data-testid="pay-disposition-form"] button[type="submit"]').click();
  await page.locator('[data-testid="pay-dispositions"] li[data-disposition="confirmed"]').first().waitFor();
  assert.equal(
    await page.locator('[data-testid="pay-dispositions"] li[data-disposition="confirmed"]').count(),
    3,
    'the case and both its alerts',
  );
  assert.equal(await page.locator('[data-testid="pay-case-disposition"]').textContent(), 'Confirmed');
  assert.deepEqual(errors, []);
});

test('the rules page shows the active version and the precision fed by the disposition', async () => {
  const { page, errors } = analyst;
  await page.goto(`${server.url}/payments/rules`);
  const fanIn = page.locator('.data-table tbody tr', { has: page.locator('code', { hasText: /^fan_in$/ }) });
  await fanIn.waitFor();
  assert.match((await fanIn.locator('td').nth(5).textContent()) ?? '', /^100%confirmed [1-9]/, 'confirmed alerts citing fan_in');
  assert.equal(await page.locator('[data-testid="pay-active-version"]').count(), 1);
  // An analyst may propose a new version (not activate it).
  await page.locator('[data-testid="pay-rule-editor"] button').click();
  await page.locator('#pay-rule-body').waitFor();
  await page.waitForFunction("document.querySelector('#pay-rule-body')?.value.includes('fan_in')");
  await page.locator('#pay-rule-note').fill('e2e: same thresholds, new version');
  await page.locator('[data-testid="pay-rule-editor"] button[type="submit"]').click();
  await page.locator('[data-testid="pay-rule-editor"] .banner.ok').waitFor();
  await page.locator('.data-table tbody tr', { hasText: 'e2e: same thresholds' }).waitFor();
  assert.equal(await page.locator('button', { hasText: 'Activate' }).count(), 0, 'analysts cannot activate');
  // The server's live engine, and its graph pass once one ran (a serving process runs one every minute)
  await page.locator('[data-testid="pay-engine-last-pass"]', { hasText: 'none yet' }).waitFor();
  const live = liveScorer(server.platform);
  await live.startGraphPass(0);
  await live.graphPassNow();
  await page.reload();
  const last = page.locator('[data-testid="pay-engine-last-pass"]');
  await last.waitFor();
  assert.match((await last.textContent()) ?? '', /\d+ accounts in \d+ ms, \d+ flagged/);
  assert.deepEqual(errors, []);
});

test('a regional user gets the forbidden page and no payments menu', async () => {
  const user = server.demo.users.find((u) => u.username === 'turkistan.coordinator');
  assert.ok(user);
  const { page } = await signedIn(user);
  assert.equal(await page.locator('.side-nav a[href="/payments/alerts"]').count(), 0);
  for (const path of ['/payments/alerts', caseUrl, '/payments/rules']) {
    await page.goto(`${server.url}${path}`);
    await page.locator('[data-testid="forbidden-page"]').waitFor();
  }
  assert.ok(!(await page.locator('main').textContent())?.includes('****2222'));
});

test('screenshots of every payments page in kk, ru and en', async () => {
  const { page, errors } = analyst;
  const shoot = (name: string, path: string) => shootAllLanguages(page, server.url, `pay-${name}`, path);
  await shoot('alerts', '/payments/alerts');
  await shoot('alert', `/payments/alerts/${alerts.phoneAlert}`);
  await shoot('cases', '/payments/cases');
  await shoot('case', caseUrl);
  await shoot('rules', '/payments/rules');
  await shoot('watchlist', '/payments/watchlist');
  await shoot('account', `/payments/accounts/${encodeURIComponent(DROP_PHONE)}`);
  assert.deepEqual(errors, []);
});
