// Browser flows of the web app against the whole product (API + built web app) on a fresh demo database.
// Run: node --import tsx --test test/e2e/web.e2e.test.ts   (screenshots land in test-results/screenshots/)
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer } from '../../src/testing/test-server.ts';
import {
  catalogue,
  ensureWebBuild,
  launchBrowser,
  newContext,
  screenshot,
  signIn,
  switchLanguage,
  watchErrors,
  type DemoUser,
  type Language,
} from './web-harness.ts';

const LANGUAGES: Language[] = ['kk', 'ru', 'en'];

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let regional: { context: BrowserContext; page: Page; errors: string[]; user: DemoUser };

function demoUser(predicate: (user: DemoUser) => boolean, what: string): DemoUser {
  const user = server.demo.users.find(predicate);
  assert.ok(user, `the demo data has ${what}`);
  return user;
}

before(async () => {
  await ensureWebBuild();
  server = await startTestServer();
  browser = await launchBrowser();
  const user = demoUser(
    (u) => u.regionCode !== null && u.totpSecret === null && u.role === 'regional_coordinator',
    'a regional coordinator',
  );
  const context = await newContext(browser);
  const page = await context.newPage();
  regional = { context, page, errors: watchErrors(page), user };
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('a wrong password is answered in words, not by code', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(`${server.url}/login`);
  await page.locator('input[name="username"]').fill(regional.user.username);
  await page.locator('input[name="password"]').fill('not-the-password');
  await page.locator('[data-testid="login-form"] button[type="submit"]').click();
  const problem = page.locator('.problem[data-code="invalid_credentials"]');
  await problem.waitFor();
  assert.equal((await problem.locator('.problem-title').textContent())?.trim(), catalogue('en')['error.invalid_credentials']);
  await context.close();
});

test('a regional user signs in and sees the home page with the settlements overview', async () => {
  const { page } = regional;
  await signIn(page, server.url, regional.user);
  await page.locator('.tile-map [data-region="KZ-71"]').waitFor();
  assert.equal(await page.locator('.tile-grid li').count(), 20, 'the cartogram has a tile per region');
  await page.locator('svg.bar-chart rect').first().waitFor();
  // Navigation shows only what the role allows.
  assert.equal(await page.locator('.side-nav a[href="/settlements"]').count(), 1);
  assert.equal(await page.locator('.side-nav a[href="/audit"]').count(), 0);
  assert.equal(await page.locator('.side-nav a[href="/tokens"]').count(), 0);
});

test('the regional user filters sober settlements and opens a record', async () => {
  const { page } = regional;
  await page.locator('.side-nav a[href="/settlements"]').click();
  await page.waitForURL(/\/settlements$/);
  const firstLink = page.locator('.data-table tbody a').first();
  await firstLink.waitFor();
  const name = (await firstLink.textContent())?.trim() ?? '';
  assert.ok(name.length > 0);

  await page.locator('#filter-q').fill(name);
  await page.locator('form.filter-bar button[type="submit"]').click();
  await page.waitForURL((url) => url.searchParams.get('q') === name);
  await page.locator('.data-table tbody a', { hasText: name }).first().waitFor();
  for (const text of await page.locator('.data-table tbody a').allTextContents()) assert.ok(text.includes(name));

  await page.locator('#filter-status').selectOption('certified');
  await page.locator('#filter-q').fill('');
  await page.locator('form.filter-bar button[type="submit"]').click();
  await page.waitForURL((url) => url.searchParams.get('status') === 'certified' && !url.searchParams.has('q'));
  await page.locator('.data-table tbody tr').first().waitFor();
  const badges = await page.locator('.data-table tbody .badge').count();
  assert.equal(badges, await page.locator('.data-table tbody .badge.status-certified').count());

  const record = page.locator('.data-table tbody a').first();
  const recordName = (await record.textContent())?.trim();
  await record.click();
  await page.waitForURL(/\/settlements\/[^/?]+$/);
  // the record page replaces the list's heading once its data has loaded
  await page.locator('main h1', { hasText: recordName ?? '' }).waitFor();
  assert.equal((await page.locator('main h1').textContent())?.trim(), recordName);
  await page.locator('.banner.synthetic').waitFor();
});

test('switching the language to kk and ru changes the visible text', async () => {
  const { page } = regional;
  const navLink = page.locator('.side-nav a[href="/settlements"]');
  for (const language of ['kk', 'ru', 'en'] as const) {
    await switchLanguage(page, language);
    assert.equal((await navLink.textContent())?.trim(), catalogue(language)['nav.settlements']);
    assert.equal((await page.locator('[data-testid="logout"]').textContent())?.trim(), catalogue(language)['layout.logout']);
  }
  // The choice survives a reload (localStorage).
  await switchLanguage(page, 'kk');
  await page.reload();
  await page.locator('html[lang="kk"]').waitFor({ state: 'attached' });
  assert.equal((await navLink.textContent())?.trim(), catalogue('kk')['nav.settlements']);
});

test('server-side validation messages appear next to their fields', async () => {
  const { page } = regional;
  await switchLanguage(page, 'en');
  await page.goto(`${server.url}/settlements/new`);
  await page.locator('[data-testid="settlement-form"] button[type="submit"]').click();
  await page.locator('.problem[data-code="validation_failed"]').waitFor();
  await page.locator('#field-name-error').waitFor();
  assert.equal(await page.locator('#field-name').getAttribute('aria-invalid'), 'true');
  await page.locator('#field-population-error').waitFor();
  await screenshot(page, 'en-regional-settlement-validation');
});

test('saving over someone else’s change shows the conflict message', async () => {
  const { page, context } = regional;
  await page.goto(`${server.url}/settlements`);
  await page.locator('.data-table tbody a').first().click();
  await page.waitForURL(/\/settlements\/[^/?]+$/);
  const editUrl = `${page.url()}/edit`;
  const other = await context.newPage();
  await Promise.all([page.goto(editUrl), other.goto(editUrl)]);
  await page.locator('#field-district').fill('Первый район');
  await page.locator('[data-testid="settlement-form"] button[type="submit"]').click();
  await page.waitForURL((url) => !url.pathname.endsWith('/edit'));
  await other.locator('#field-district').fill('Второй район');
  await other.locator('[data-testid="settlement-form"] button[type="submit"]').click();
  await other.locator('.problem[data-code="conflict"]').waitFor();
  await screenshot(other, 'en-regional-settlement-conflict');
  await other.locator('.problem[data-code="conflict"] button').click();
  await other.locator('#field-district[value="Первый район"]').waitFor();
  await other.close();
});

test('a page outside the role shows the permission-denied page', async () => {
  const { page } = regional;
  await page.goto(`${server.url}/audit`);
  await page.locator('[data-testid="forbidden-page"]').waitFor();
  assert.equal(new URL(page.url()).pathname, '/forbidden');
  assert.equal((await page.locator('main h1').textContent())?.trim(), catalogue('en')['forbidden.title']);
});

test('screenshots of the regional user’s pages in kk, ru and en', async () => {
  const { page } = regional;
  await page.goto(`${server.url}/settlements`);
  const recordHref = await page.locator('.data-table tbody a').first().getAttribute('href');
  for (const language of LANGUAGES) {
    await switchLanguage(page, language);
    const shots: Array<[string, string]> = [
      ['home', '/'],
      ['settlements', '/settlements'],
      ['settlement', recordHref ?? '/settlements'],
      ['settlement-edit', `${recordHref}/edit`],
      ['forbidden', '/jobs'],
      ['not-found', '/no-such-page'],
    ];
    for (const [name, path] of shots) {
      await page.goto(`${server.url}${path}`);
      await page.locator('main h1').waitFor();
      await screenshot(page, `${language}-regional-${name}`);
    }
  }
  assert.deepEqual(regional.errors, [], 'no uncaught errors in the page');
});

test('a lost session sends the user back to the login page, and back again after signing in', async () => {
  const { page, context, user } = regional;
  await page.goto(`${server.url}/`);
  await page.locator('[data-testid="home-page"]').waitFor();
  await context.clearCookies();
  await page.locator('.side-nav a[href="/settlements"]').click();
  await page.locator('[data-testid="login-form"]').waitFor();
  assert.equal(new URL(page.url()).pathname, '/login');
  await page.locator('input[name="username"]').fill(user.username);
  await page.locator('input[name="password"]').fill(user.password);
  await page.locator('[data-testid="login-form"] button[type="submit"]').click();
  await page.waitForURL((url) => url.pathname === '/settlements');
});

test('the admin signs in with a TOTP code and uses the admin pages in kk, ru and en', async () => {
  const admin = demoUser((u) => u.role === 'commission_admin' && u.totpSecret !== null, 'an admin with TOTP');
  const context = await newContext(browser);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${server.url}/login`);
  await screenshot(page, 'en-login');
  await signIn(page, server.url, admin);
  for (const href of ['/users', '/tokens', '/audit', '/jobs', '/settlements']) {
    assert.equal(await page.locator(`.side-nav a[href="${href}"]`).count(), 1, `admin sees ${href}`);
  }

  await page.goto(`${server.url}/audit`);
  await page.locator('.verify-panel button').click();
  await page.locator('[data-testid="verify-result"] .banner.ok').waitFor();

  await page.goto(`${server.url}/tokens`);
  await page.locator('.page-header button.primary').click();
  await page.locator('#field-name').fill('e2e export');
  await page.locator('[data-testid="token-form"] input[value="settlements.read"]').check();
  await page.locator('[data-testid="token-form"] button[type="submit"]').click();
  const secret = await page.locator('[data-testid="created-token"] code').textContent();
  assert.match(secret ?? '', /^tt_/);

  for (const language of LANGUAGES) {
    await switchLanguage(page, language);
    for (const [name, path] of [
      ['home', '/'],
      ['users', '/users'],
      ['tokens', '/tokens'],
      ['audit', '/audit'],
      ['jobs', '/jobs'],
    ]) {
      await page.goto(`${server.url}${path}`);
      await page.locator('main h1').waitFor();
      await screenshot(page, `${language}-admin-${name}`);
    }
  }
  assert.deepEqual(errors, [], 'no uncaught errors in the page');
  await context.close();
});
