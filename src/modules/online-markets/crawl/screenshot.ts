import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Screenshot of a page the crawler has ALREADY fetched through its SSRF guard: Chromium renders the
 * stored HTML at its URL with JavaScript off, every request intercepted (the page itself is fulfilled
 * from memory, everything else aborted), its resolver mapped to nothing and a dead proxy, so the
 * browser itself never reaches the network. Returns null when Chromium is missing or anything fails.
 */
export async function renderScreenshot(url: string, html: Buffer, contentType: string, timeoutMs = 20_000): Promise<Buffer | null> {
  if (!existsSync(CHROMIUM_PATH)) return null;
  const held: { browser: Browser | null } = { browser: null };
  const close = () => held.browser?.close().catch(() => undefined);
  const timer = new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs).unref());
  const shot = (async () => {
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      timeout: timeoutMs,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dns-prefetch',
        '--host-resolver-rules=MAP * ~NOTFOUND',
        '--proxy-server=http://127.0.0.1:9',
        '--proxy-bypass-list=<-loopback>',
      ],
    });
    held.browser = browser;
    const context = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 1280, height: 900 },
      serviceWorkers: 'block',
      acceptDownloads: false,
    });
    const page = await context.newPage();
    await page.route('**/*', (route) =>
      route.request().url() === url && route.request().resourceType() === 'document'
        ? route.fulfill({ status: 200, body: html, contentType })
        : route.abort('blockedbyclient'),
    );
    await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
    return await page.screenshot({ type: 'png', fullPage: false });
  })()
    .catch(() => null)
    .finally(close);
  const result = await Promise.race([shot, timer]);
  // on time-out the browser is closed now (and again, harmlessly, when the attempt settles)
  if (result === null) await close();
  return result;
}
