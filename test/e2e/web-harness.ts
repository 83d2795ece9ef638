// Shared pieces of the browser test: build the web app when needed, launch Debian's Chromium, sign in.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as OTPAuth from 'otpauth';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';

export const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
export const SCREENSHOT_DIR = join(ROOT, 'test-results/screenshots');
const WEB_DIR = join(ROOT, 'web');
const BUILT_INDEX = join(ROOT, 'dist/web/index.html');

export type Language = 'kk' | 'ru' | 'en';
export type DemoUser = {
  username: string;
  password: string;
  role: string;
  totpSecret: string | null;
  regionCode: string | null;
};

function newestMtime(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const path = join(dir, entry.name);
    return Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }, 0);
}

/** Runs `vite build` when dist/web is missing or older than the web sources. */
export async function ensureWebBuild(): Promise<void> {
  if (existsSync(BUILT_INDEX) && statSync(BUILT_INDEX).mtimeMs >= newestMtime(WEB_DIR)) return;
  await build({ configFile: join(ROOT, 'vite.config.ts'), root: WEB_DIR, logLevel: 'warn' });
}

const CHROMIUM = '/usr/bin/chromium';

/** Headless Debian Chromium with the flags these machines need (never a downloaded browser). */
export function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`the browser tests need Debian's chromium at ${CHROMIUM} (apt install chromium)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh browser profile with an English-speaking browser, so the app's own language choice is visible. */
export async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1366, height: 900 } });
  context.setDefaultTimeout(15_000);
  return context;
}

/** Collects uncaught page errors so a test can assert there were none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** The current TOTP code for a base32 secret. */
export function totpCode(secret: string): string {
  return new OTPAuth.TOTP({
    secret: OTPAuth.Secret.fromBase32(secret),
    digits: 6,
    period: 30,
    algorithm: 'SHA1',
  }).generate();
}

/** Signs in through the login form (with the code step for privileged users) and waits for the home page. */
export async function signIn(page: Page, baseUrl: string, user: DemoUser): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.locator('input[name="username"]').fill(user.username);
  await page.locator('input[name="password"]').fill(user.password);
  await page.locator('[data-testid="login-form"] button[type="submit"]').click();
  if (user.totpSecret) {
    await page.locator('input[name="code"]').fill(totpCode(user.totpSecret));
    await page.locator('[data-testid="totp-form"] button[type="submit"]').click();
  }
  await page.locator('[data-testid="home-page"]').waitFor();
}

/** Switches the UI language with the header buttons and waits for <html lang>. */
export async function switchLanguage(page: Page, language: Language): Promise<void> {
  await page.locator(`.language-switch button[data-language="${language}"]`).click();
  await page.locator(`html[lang="${language}"]`).waitFor({ state: 'attached' });
}

/** A catalogue entry, so assertions follow the catalogues instead of repeating their text. */
export function catalogue(language: Language): Record<string, string> {
  return JSON.parse(readFileSync(join(WEB_DIR, 'src/locales', `${language}.json`), 'utf8')) as Record<string, string>;
}

/** Saves a full-page screenshot as test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

export const LANGUAGES: readonly Language[] = ['kk', 'ru', 'en'];

/** Screenshots of one page in every language (`<lang>-<name>.png`), then back to English. */
export async function shootAllLanguages(page: Page, baseUrl: string, name: string, path: string): Promise<void> {
  for (const language of LANGUAGES) {
    await switchLanguage(page, language);
    await page.goto(`${baseUrl}${path}`);
    await page.locator('main h1').waitFor();
    await screenshot(page, `${language}-${name}`);
  }
  await switchLanguage(page, 'en');
}

/** The value a datetime-local input wants: the browser's local wall time (it runs in this process's time zone). */
export const localInput = (date: Date): string => new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
