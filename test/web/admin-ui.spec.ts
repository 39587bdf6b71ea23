import { mkdirSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { BrowserContext, Page, chromium } from 'playwright-core';
import { ApiClient, TEST_SYSTEM, asAdmin, serviceUrl, uniqueName } from '@jobfair/testing';

const SCREENSHOTS = join(__dirname, '../../.local/screenshots');

/**
 * The admin web UI in a real browser (Debian's Chromium, driven by playwright-core):
 * what a centre's staff does, through the same origin as the API.
 */
describe('admin web UI', () => {
  let userDataDir: string;
  let browser: BrowserContext;
  let admin: ApiClient;
  const foreignRequests: string[] = [];

  beforeAll(async () => {
    admin = await asAdmin();
    userDataDir = mkdtempSync(join(tmpdir(), 'jobfair-web-'));
    browser = await chromium.launchPersistentContext(userDataDir, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
      viewport: { width: 1280, height: 900 },
    });
    // Nothing may come from outside the origin (no CDN, no fonts).
    browser.on('request', (request) => {
      if (!request.url().startsWith(serviceUrl('gateway'))) foreignRequests.push(request.url());
    });
  });

  afterAll(async () => {
    await browser?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  /** A fresh tab: sessionStorage (and so the token) is per tab. */
  async function signIn(password: string): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(`${serviceUrl('gateway')}/`);
    await page.getByLabel('Username').fill(TEST_SYSTEM.adminUsername);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    return page;
  }

  it('lets the admin sign in, schedule a fair, open it and find it in the list; data is shown as text', async () => {
    const page = await signIn(TEST_SYSTEM.adminPassword);
    await expect(page.getByTestId('username').textContent()).resolves.toBe(TEST_SYSTEM.adminUsername);
    await page.getByRole('heading', { name: 'Fairs', exact: true }).waitFor();

    // An empty form: the API's 400 names each missing field next to the form.
    await page.getByRole('button', { name: 'Schedule fair' }).click();
    const errors = page.getByRole('form', { name: 'Schedule a fair' }).getByRole('alert');
    await errors.getByText(/^name/).first().waitFor();
    await expect(errors.textContent()).resolves.toMatch(/venue.*startsAt/s);

    // Markup in a name must come out as text.
    const name = `${uniqueName('Hội chợ Thanh Hoá')} <img src=x onerror="window.hacked=1">`;
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('Kind').selectOption('mobile');
    await page.getByLabel('Province').fill('Thanh Hoa');
    await page.getByLabel('District').fill('Nhu Xuan');
    await page.getByLabel('Venue').fill('Commune cultural house');
    await page.getByLabel('Starts').fill('2027-03-12T08:00');
    await page.getByLabel('Ends').fill('2027-03-12T17:00');
    await page.getByRole('button', { name: 'Schedule fair' }).click();
    await page.getByRole('status').getByText('Scheduled').waitFor();
    await expect(errors.count()).resolves.toBe(0); // an empty error area is hidden, so not in the accessibility tree

    await page.getByRole('link', { name, exact: true }).first().click();
    await page.getByRole('heading', { name: `${name} scheduled` }).waitFor();
    await page.getByRole('button', { name: 'Open the fair' }).click();
    await page.getByRole('heading', { name: `${name} open` }).waitFor();
    await page.getByText(/^Live: updated/).waitFor();
    await page.getByRole('button', { name: 'Close the fair' }).waitFor();
    const fairId = decodeURIComponent(new URL(page.url()).hash.replace('#/fairs/', ''));
    expect((await admin.get(`/fairs/${fairId}`)).body).toMatchObject({ name, status: 'open', kind: 'mobile', district: 'Nhu Xuan' });

    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-ui-fair.png'), fullPage: true });

    await page.getByRole('link', { name: 'All fairs' }).click();
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
    await expect(row.getByText('open', { exact: true }).textContent()).resolves.toBe('open');
    await expect(page.evaluate('window.hacked')).resolves.toBeUndefined();
    await page.close();
  });

  it('shows the API\'s error for a wrong password and stays on the sign-in screen', async () => {
    const page = await signIn('not-the-password');
    await page.getByRole('alert').getByText('wrong username or password').waitFor();
    await expect(page.getByRole('heading', { name: 'Sign in' }).isVisible()).resolves.toBe(true);
    await expect(page.evaluate('sessionStorage.length')).resolves.toBe(0);
    await page.close();
  });

  it('loads nothing from outside the origin', () => {
    expect(foreignRequests).toEqual([]);
  });
});
