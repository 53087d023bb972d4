/**
 * Headless Chromium for the browser tests: the SYSTEM executable (Debian package `chromium`,
 * /usr/bin/chromium) driven by puppeteer-core, which never downloads a browser of its own.
 * Chromium runs as root in CI: `--no-sandbox`; `--headless=new`.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export const CHROMIUM = process.env.SAMLFED_CHROMIUM ?? '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
if (!HAVE_CHROMIUM) console.warn(`browser tests skipped: ${CHROMIUM} is absent (CI installs it: apt-get install -y chromium)`);

/** Screenshots of each step: .tmp/e2e-screenshots/<run>/ (gitignored). */
export const SCREENSHOTS = join(import.meta.dirname, '..', '..', '..', '.tmp', 'e2e-screenshots');

export async function launch(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--no-default-browser-check'],
    timeout: 30_000,
  });
}

/** A screenshot recorder for one run: `await shot('01-login')`. */
export function recorder(page: Page, run: string): (step: string) => Promise<string> {
  const dir = join(SCREENSHOTS, run);
  mkdirSync(dir, { recursive: true });
  return async (step) => {
    const file = join(dir, `${step}.png`);
    await page.screenshot({ path: file, fullPage: true });
    return file;
  };
}
