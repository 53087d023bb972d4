/**
 * Partner login in a real browser (issue 12): headless Chromium types user@partner-domain on the
 * sandbox's login page, follows the redirect to the simulator, signs in there, comes back through
 * the ACS (and the MFA page when the policy asks), and the landing page shows the host groups and
 * roles. Both flavours, MFA off and on. Screenshots of each step: .tmp/e2e-screenshots/.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'puppeteer-core';
import { HAVE_CHROMIUM, launch, recorder } from './helpers/browser.js';
import { startWorld, type World } from './helpers/world.js';

const CASES = [
  { flavour: 'adfs', user: 'alice@sim-adfs.example', groups: ['Sales Managers', 'Contractors'], hostGroups: ['Mgrs-Sales', 'Partner-Guests'], roles: ['Guest Portal Users', 'Sales Portal Users', 'Sales Reports'] },
  { flavour: 'tenant', user: 'bob@sim-tenant.example', groups: ['Globex Sales', 'Contractors'], hostGroups: ['External-Contractors', 'Partner-Sales'], roles: ['Guest Portal Users', 'Sales Portal Users'] },
] as const;

const texts = (page: Page, selector: string) => page.$$eval(selector, (els) => els.map((e) => (e.textContent ?? '').trim()));

async function browserLogin(page: Page, w: World, c: (typeof CASES)[number], run: string, mfa: boolean): Promise<void> {
  const shot = recorder(page, run);
  const sandboxPort = new URL(w.sb.url).port;
  await page.goto(`${w.sb.url}/login`, { waitUntil: 'load' });
  await page.type('#username', c.user);
  expect(existsSync(await shot('01-sandbox-login'))).toBe(true);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('#next')]);
  // HRD sent the browser to the partner's simulator.
  await page.waitForSelector('#login-form');
  expect(new URL(page.url()).origin).toBe(c.flavour === 'adfs' ? w.adfs.url : w.tenant.url);
  await page.type('#username', c.user);
  await page.$eval('#groups', (el, v) => void ((el as unknown as { value: string }).value = v), c.groups.join('\n'));
  await shot('02-idp-login');
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('#submit')]);
  // The auto-submitting form posts to the sandbox's ACS; wait until the sandbox answers.
  await page.waitForFunction(`location.port === ${JSON.stringify(sandboxPort)} && document.querySelector('ul#groups, #mfa-form, #error-code') !== null`, { timeout: 20_000 });
  if (mfa) {
    expect(await page.$('#mfa-form')).not.toBeNull();
    await shot('03-mfa');
    const { codes } = await w.sb.adminApi<{ codes: { code: string }[] }>(`codes?user=${encodeURIComponent(c.user)}`);
    await page.type('#mfa-code', codes.at(-1)!.code);
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('#mfa-submit')]);
  } else {
    expect(await page.$('#mfa-form')).toBeNull();
  }
  await page.waitForSelector('ul#groups');
  await shot(mfa ? '04-landing' : '03-landing');
  expect(await page.$eval('#user', (e) => (e.textContent ?? '').trim())).toBe(c.user);
  expect((await texts(page, 'ul#groups li')).sort()).toEqual([...c.hostGroups]);
  expect((await texts(page, 'ul#roles li')).filter((r) => r !== 'Everybody').sort()).toEqual([...c.roles]);
}

for (const mfa of [false, true]) {
  describe.skipIf(!HAVE_CHROMIUM)(`browser login, MFA ${mfa ? 'on' : 'off'}`, () => {
    let w: World;
    let browser: Browser;
    beforeAll(async () => {
      [w, browser] = await Promise.all([startWorld({ mfa }), launch()]);
    }, 120_000);
    afterAll(async () => {
      await browser?.close();
      await w?.stop();
    });

    if (!mfa) {
      it('a user of a partner never federated is refused on the login page (ERR_SANDBOX_HRD_NO_FEDERATION), no session', async () => {
        const context = await browser.createBrowserContext();
        try {
          const page = await context.newPage();
          const shot = recorder(page, 'never-federated');
          await page.goto(`${w.sb.url}/login`, { waitUntil: 'load' });
          await page.type('#username', 'dave@never-federated.example');
          await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('#next')]);
          await shot('01-refused');
          expect(new URL(page.url()).origin).toBe(w.sb.url);
          expect(await page.$eval('#error-code', (e) => (e.textContent ?? '').trim())).toBe('ERR_SANDBOX_HRD_NO_FEDERATION');
          expect((await context.cookies()).map((c) => c.name)).not.toContain('.ASPXAUTH');
        } finally {
          await context.close();
        }
      }, 60_000);
    }

    for (const c of CASES) {
      it(`${c.flavour}: ${c.user} signs in through HRD and lands with her host groups and roles`, async () => {
        const context = await browser.createBrowserContext();
        try {
          const page = await context.newPage();
          await browserLogin(page, w, c, `${c.flavour}-mfa-${mfa ? 'on' : 'off'}`, mfa);
        } finally {
          await context.close();
        }
      }, 60_000);
    }
  });
}
