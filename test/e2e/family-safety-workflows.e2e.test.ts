// Browser flows of the family-safety case page: break the glass from another region, a lowered band
// confirmed by a second officer, a risk meeting, and referrals that need consent.
// Run: node --import tsx --test test/e2e/family-safety-workflows.e2e.test.ts   (screenshots in test-results/screenshots/)
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { buildCase } from '../../src/modules/family-safety/testing.ts';
import { buildUser } from '../../src/testing/factories.ts';
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
  shootAllLanguages,
  localInput,
} from './web-harness.ts';

const en = catalogue('en');

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let caseId = '';
let meetingId = '';

async function signedIn(user: DemoUser | string): Promise<{ page: Page; errors: string[] }> {
  const found = typeof user === 'string' ? server.demo.users.find((u) => u.username === user) : user;
  assert.ok(found, `the demo data has ${String(user)}`);
  const context = await newContext(browser);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signIn(page, server.url, found);
  // Demo users keep their own language; the assertions below read the English catalogue.
  await switchLanguage(page, 'en');
  return { page, errors };
}

const shoot = (page: Page, name: string, path: string) => shootAllLanguages(page, server.url, `dv-${name}`, path);

before(async () => {
  await ensureWebBuild();
  server = await startTestServer();
  browser = await launchBrowser();
  caseId = (await buildCase(server.platform, { regionCode: 'KZ-75' })).id;
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('an officer of another region breaks the glass with a reason and reads the case under an expiry banner', async () => {
  const user = await buildUser(server.platform, { role: 'dv_police_officer', regionCode: 'KZ-71', organisationCode: 'MIA' });
  const { page, errors } = await signedIn({ ...user, totpSecret: null });
  await page.goto(`${server.url}/family-safety/cases/${caseId}`);
  await page.locator('[data-testid="dv-break-glass"]').waitFor();
  // A too-short reason is refused.
  await page.locator('#dv-break-glass-reason').fill('срочно');
  await page.locator('[data-testid="dv-break-glass"] button[type="submit"]').click();
  await page.locator('[data-testid="dv-break-glass"] .problem').waitFor();
  await page.locator('#dv-break-glass-reason').fill('Потерпевшая обратилась в Астане, проверяю прежние эпизоды (синтетика)');
  await page.locator('[data-testid="dv-break-glass"] button[type="submit"]').click();
  await page.locator('[data-testid="dv-grant-banner"]').waitFor();
  // Read-only: no forms, and contacts stay masked outside the team.
  assert.equal(await page.locator('[data-testid="dv-assign-form"]').count(), 0);
  assert.ok((await page.locator('main').textContent())?.includes(en['dv.case.masked']!));
  const grants = await server.platform.db.selectFrom('dv_access_grants').select('reason').where('case_id', '=', caseId).execute();
  assert.equal(grants.length, 1);
  assert.deepEqual(errors, []);
});

test('a lowered band waits for a second officer, who confirms it; the case goes to a risk meeting', async () => {
  const officer = await signedIn('almaty.dv.police');
  const page = officer.page;
  await page.goto(`${server.url}/family-safety/cases/${caseId}`);
  await page.locator('[data-testid="dv-risk"] button', { hasText: en['dv.risk.start']! }).click();
  const form = page.locator('[data-testid="dv-risk-form"]');
  await form.locator('.dv-yes-no').first().waitFor();
  const rows = form.locator('.dv-yes-no');
  for (let i = 0; i < (await rows.count()); i++) await rows.nth(i).locator('input').first().check();
  await page.locator('#dv-override-band').selectOption('medium');
  await page.locator('#dv-override-reason').fill('Обидчик задержан и находится под стражей (синтетика)');
  await form.locator('button[type="submit"]').click();
  await page.locator('[data-testid="dv-risk"] .banner.warning', { hasText: en['dv.risk.pending']! }).waitFor();
  // The same officer cannot confirm their own lowering.
  await page.locator('[data-testid="dv-risk"] button', { hasText: en['dv.risk.confirm']! }).click();
  await page.locator('[data-testid="dv-risk"] .problem[data-code="forbidden"]').waitFor();
  assert.deepEqual(officer.errors, []);

  const lead = await signedIn('almaty.dv.lead');
  await lead.page.goto(`${server.url}/family-safety/cases/${caseId}`);
  await lead.page.locator('[data-testid="dv-risk"] button', { hasText: en['dv.risk.confirm']! }).click();
  await lead.page.locator('[data-testid="dv-risk"] .banner.warning').waitFor({ state: 'detached' });
  const row = await server.platform.db
    .selectFrom('dv_cases')
    .select(['risk_band', 'escalation'])
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  assert.equal(row.risk_band, 'medium');
  assert.equal(row.escalation, 'meeting_required', 'the computed high band sent it to a risk meeting');

  // The meeting: from the case's banner, with participants by agency, an action and its follow-up.
  await lead.page.locator(`a[href="/family-safety/meetings/new?caseId=${caseId}"]`).click();
  const meeting = lead.page.locator('[data-testid="dv-meeting-form"]');
  await meeting.waitFor();
  await lead.page.locator('#field-meeting-scheduledAt').fill(localInput(new Date(Date.now() + 2 * 86_400_000)));
  await lead.page.locator('#field-meeting-agenda').fill('Дела высокого риска района (синтетика)');
  await lead.page.locator('#field-participant-0-name').fill('Инспектор Тестов');
  await lead.page.locator('#field-participant-1-name').fill('Психолог ЦПС Тестова');
  await meeting.locator('button[type="submit"]').click();
  await lead.page.waitForURL(/\/family-safety\/meetings\/[0-9a-f-]{36}$/);
  meetingId = new URL(lead.page.url()).pathname.split('/').pop() ?? '';
  const action = lead.page.locator('[data-testid="dv-action-form"]');
  await action.locator('button[type="submit"]').click();
  await lead.page.locator('#field-action-description-error').waitFor();
  await lead.page.locator('#field-action-description').fill('Провести беседу с пострадавшей и составить план безопасности');
  await lead.page.locator('#field-action-agency').selectOption('fsc');
  await lead.page.locator('#field-action-owner').fill('Психолог ЦПС Тестова');
  await lead.page.locator('#field-action-dueOn').fill(new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10));
  await action.locator('button[type="submit"]').click();
  const item = lead.page.locator('[data-testid="dv-meeting-actions"] li').first();
  await item.waitFor();
  await item.locator('input').first().fill('План безопасности составлен');
  await item.locator('button[type="submit"]').click();
  await lead.page.locator('[data-testid="dv-meeting-actions"] li', { hasText: 'План безопасности составлен' }).waitFor();
  const actions = await server.platform.db
    .selectFrom('dv_meeting_actions')
    .select(['status'])
    .where('meeting_id', '=', meetingId)
    .execute();
  assert.deepEqual(
    actions.map((a) => a.status),
    ['done'],
  );
  assert.deepEqual(lead.errors, []);
});

test('a referral without consent is refused; with consent it is sent and the centre sees only the granted parts', async () => {
  const { page, errors } = await signedIn('almaty.dv.police');
  const provider = await server.platform.db
    .selectFrom('dv_providers')
    .select('id')
    .where('code', '=', 'FSC-75-01')
    .executeTakeFirstOrThrow();
  await page.goto(`${server.url}/family-safety/cases/${caseId}`);
  await page.locator('[data-testid="dv-referrals"] button', { hasText: en['dv.referralForm.open']! }).click();
  const form = page.locator('[data-testid="dv-referral-form"]');
  await form.waitFor();
  await page.locator('#field-referral-provider').selectOption(provider.id);
  await page.locator('#field-referral-reason').fill('Психологическая помощь пострадавшей');
  await form.locator('label', { hasText: en['dv.grant.contact']! }).locator('input').check();
  await form.locator('button[type="submit"]').click();
  await form.locator('.field-error', { hasText: en['dv.fieldError.consent_required']! }).waitFor();
  assert.equal((await server.platform.db.selectFrom('dv_referrals').select('id').where('case_id', '=', caseId).execute()).length, 0);
  await screenshot(page, 'en-dv-referral-no-consent');
  await page.locator('[data-testid="dv-consent"]').check();
  await form.locator('button[type="submit"]').click();
  await form.waitFor({ state: 'detached' });
  await page.locator('[data-testid="dv-referrals"] button', { hasText: en['dv.referralForm.send']! }).click();
  await page.locator('[data-testid="dv-referral-status"]', { hasText: en['dv.referralStatus.sent']! }).waitFor();
  const referral = await server.platform.db.selectFrom('dv_referrals').select('id').where('case_id', '=', caseId).executeTakeFirstOrThrow();
  assert.deepEqual(errors, []);

  const centre = await signedIn('almaty.fsc');
  await centre.page.goto(`${server.url}/family-safety/referrals/${referral.id}`);
  await centre.page.locator('main dl').first().waitFor();
  const text = (await centre.page.locator('main').textContent()) ?? '';
  assert.ok(text.includes(en['dv.field.phone']!), 'contact granted: the phone is shown');
  assert.ok(!text.includes(en['dv.field.narrative']!), 'narrative not granted');
  assert.ok(!text.includes(en['dv.field.riskBand']!), 'risk not granted');
  assert.ok(!text.includes('Синтетическая запись'), 'no incident narrative leaks');
  assert.deepEqual(centre.errors, []);
});

test('screenshots of the new pages in kk, ru and en', async () => {
  const officer = await signedIn('almaty.dv.police');
  await shoot(officer.page, 'case-workflows', `/family-safety/cases/${caseId}`);
  await shoot(officer.page, 'meetings', '/family-safety/meetings');
  await shoot(officer.page, 'meeting-new', `/family-safety/meetings/new?caseId=${caseId}`);
  await shoot(officer.page, 'meeting', `/family-safety/meetings/${meetingId}`);
  assert.deepEqual(officer.errors, []);
});
