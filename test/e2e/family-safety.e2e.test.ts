// Browser flow of the family-safety pages: intake with a child present → the school's inbox and support plan.
// Run: node --import tsx --test test/e2e/family-safety.e2e.test.ts   (screenshots land in test-results/screenshots/)
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startTestServer } from '../../src/testing/test-server.ts';
import { nextSchoolDayStart } from '../../src/modules/family-safety/index.ts';
import {
  ensureWebBuild,
  launchBrowser,
  newContext,
  screenshot,
  signIn,
  watchErrors,
  type DemoUser,
  shootAllLanguages,
  localInput,
} from './web-harness.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let caseId = '';

function demoUser(username: string): DemoUser {
  const user = server.demo.users.find((u) => u.username === username);
  assert.ok(user, `the demo data has ${username}`);
  return user;
}

async function signedIn(username: string): Promise<{ page: Page; errors: string[] }> {
  const context = await newContext(browser);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signIn(page, server.url, demoUser(username));
  return { page, errors };
}

const shoot = (page: Page, name: string, path: string) => shootAllLanguages(page, server.url, `dv-${name}`, path);

before(async () => {
  await ensureWebBuild();
  server = await startTestServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('an Almaty officer records an incident with a pupil of SCH-75-001 present', async () => {
  const { page, errors } = await signedIn('almaty.dv.police');
  assert.equal(await page.locator('.side-nav a[href="/family-safety/cases"]').count(), 1);
  assert.equal(await page.locator('.side-nav a[href="/family-safety/referrals"]').count(), 0, 'police do not receive referrals');
  await page.goto(`${server.url}/family-safety/cases/new`);
  const form = page.locator('[data-testid="dv-intake-form"]');
  await form.waitFor();
  // An impossible date is answered next to its field.
  await page.locator('#field-occurredAt').fill(localInput(new Date(Date.now() + 3 * 86_400_000)));
  await form.locator('button[type="submit"]').click();
  await page.locator('#field-occurredAt-error').waitFor();

  await page.locator('#field-occurredAt').fill(localInput(new Date(Date.now() - 2 * 3_600_000)));
  await page.locator('#field-address').fill('Алматы, ул. Синтетическая, 17, кв. 4');
  await page.locator('#field-narrative').fill('Соседи сообщили о крике в квартире; синтетический тестовый случай.');
  await page.locator('#field-people-0-lastName').fill('Тестова');
  await page.locator('#field-people-0-firstName').fill('Айгерим');
  await page.locator('#field-people-1-lastName').fill('Тестов');
  await page.locator('#field-people-1-firstName').fill('Ерлан');
  await page.locator('[data-testid="dv-search"]').click();
  await page.locator('[data-testid="dv-search-result"]').waitFor();
  await page.locator('[data-testid="add-child"]').click();
  await page.locator('#field-people-2-lastName').fill('Тестова');
  await page.locator('#field-people-2-firstName').fill('Дана');
  await page.locator('#field-people-2-birthDate').fill(`${new Date().getUTCFullYear() - 10}-03-15`);
  const school = page.locator('#field-people-2-schoolId option', { hasText: 'SCH-75-001' });
  await page.locator('#field-people-2-schoolId').selectOption((await school.getAttribute('value')) ?? '');
  await page.locator('#field-people-2-schoolClass').fill('4Б');
  await screenshot(page, 'en-dv-intake-filled');
  // A double click sends the same Idempotency-Key twice: still one case.
  await form.locator('button[type="submit"]').dblclick();
  await page.waitForURL(/\/family-safety\/cases\/[0-9a-f-]{36}$/);
  caseId = new URL(page.url()).pathname.split('/').pop() ?? '';
  await page.locator('[data-testid="dv-child-notifications"] li').first().waitFor();
  const created = await server.platform.db.selectFrom('dv_cases').select('id').where('address', 'like', '%Синтетическая, 17%').execute();
  assert.equal(created.length, 1, 'the double submit created one case');
  assert.deepEqual(errors, []);
});

test('the school contact sees the notice from the next school day 08:00 and records a support plan', async () => {
  const notice = await server.platform.db
    .selectFrom('dv_child_notifications')
    .select(['id', 'visible_from', 'created_at'])
    .where('case_id', '=', caseId)
    .executeTakeFirstOrThrow();
  assert.equal(new Date(notice.visible_from).getTime(), nextSchoolDayStart(new Date(notice.created_at)).getTime());

  const { page, errors } = await signedIn('almaty.school');
  assert.equal(await page.locator('.side-nav a[href="/family-safety/cases"]').count(), 0);
  await page.goto(`${server.url}/family-safety/notifications`);
  await page.locator('[data-testid="no-parents-note"]').waitFor();
  await page.locator('.data-table tbody tr').first().waitFor();
  const isVisibleNow = new Date(notice.visible_from).getTime() <= Date.now();
  const link = page.locator(`.data-table a[href="/family-safety/notifications/${notice.id}"]`);
  if (!isVisibleNow) {
    assert.equal(await link.count(), 0, 'not shown to the school before visibleFrom');
    // The browser cannot wait until the next school day: the test moves this one notice's clock, not the rule.
    await server.platform.db
      .updateTable('dv_child_notifications')
      .set({ visible_from: new Date(Date.now() - 60_000) })
      .where('id', '=', notice.id)
      .execute();
    await page.reload();
  }
  await link.waitFor();
  const schools = await page.locator('.data-table tbody tr td:nth-child(3)').allTextContents();
  assert.ok(schools.length > 0 && schools.every((name) => name === schools[0]), 'only the contact’s own school');
  await link.click();
  await page.locator('[data-testid="dv-entry-form"]').waitFor();
  await page.locator('#dv-entry-kind').selectOption('support_plan');
  await page.locator('#dv-entry-text').fill('Еженедельные встречи со школьным психологом, наблюдение классного руководителя.');
  await page.locator('[data-testid="dv-entry-form"] button[type="submit"]').click();
  await page.locator('[data-testid="dv-entries"] li[data-kind="support_plan"]').waitFor();
  await shoot(page, 'school-notifications', '/family-safety/notifications');
  await shoot(page, 'school-notification', `/family-safety/notifications/${notice.id}`);
  // A school contact cannot open cases.
  await page.goto(`${server.url}/family-safety/cases/${caseId}`);
  await page.locator('[data-testid="forbidden-page"]').waitFor();
  assert.deepEqual(errors, []);
});

test('a user of another region gets no access to the case', async () => {
  const { page } = await signedIn('turkistan.coordinator');
  await page.goto(`${server.url}/family-safety/cases/${caseId}`);
  await page.locator('[data-testid="forbidden-page"]').waitFor();
  const body = await page.locator('main').textContent();
  assert.ok(!body?.includes('Тестова'));
});

test('screenshots of the officer’s and the centre’s pages in kk, ru and en', async () => {
  const officer = await signedIn('almaty.dv.police');
  await shoot(officer.page, 'cases', '/family-safety/cases');
  await shoot(officer.page, 'intake', '/family-safety/cases/new');
  await shoot(officer.page, 'case', `/family-safety/cases/${caseId}`);
  await shoot(officer.page, 'indicators', '/family-safety/indicators');
  await shoot(officer.page, 'registry', '/family-safety/registry');
  assert.deepEqual(officer.errors, []);

  const centre = await signedIn('almaty.fsc');
  await centre.page.goto(`${server.url}/family-safety/referrals`);
  const first = centre.page.locator('.data-table tbody a').first();
  await first.waitFor();
  const href = (await first.getAttribute('href')) ?? '/family-safety/referrals';
  await shoot(centre.page, 'referrals', '/family-safety/referrals');
  await shoot(centre.page, 'referral', href);
  assert.deepEqual(centre.errors, []);
});
