import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { BrowserContext, Page, chromium } from 'playwright-core';
import { ApiClient, asAdmin, eventually, serviceUrl } from '@jobfair/testing';

/** Debian's Chromium, headless, with a profile of its own, and every request that left the gateway's origin. */
export interface WebBrowser {
  context: BrowserContext;
  /** Requests to anywhere but the gateway (the UI must load nothing from outside: no CDN, no fonts). */
  foreignRequests: string[];
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<WebBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'jobfair-web-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
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
    viewport: { width: 1280, height: 900 },
  });
  const foreignRequests: string[] = [];
  context.on('request', (request) => {
    if (!request.url().startsWith(serviceUrl('gateway'))) foreignRequests.push(request.url());
  });
  return {
    context,
    foreignRequests,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A spec's browser and the administrator's API client, opened before its tests and the
 * browser closed after them (call it in the `describe`; read the fields inside the tests).
 */
export function browserAndAdmin(): { readonly web: WebBrowser; readonly admin: ApiClient } {
  const opened = {} as { web: WebBrowser; admin: ApiClient };
  beforeAll(async () => {
    opened.admin = await asAdmin();
    opened.web = await launchBrowser();
  });
  afterAll(async () => {
    await opened.web?.close();
  });
  return opened;
}

/** A fresh tab signed in through the sign-in screen, with its labels in the words given (sessionStorage, so the token, is per tab). */
/** The sign-in form's words in each language of the console. */
export const SIGN_IN_WORDS = {
  en: { username: 'Username', password: 'Password', submit: 'Sign in' },
  vi: { username: 'Tên đăng nhập', password: 'Mật khẩu', submit: 'Đăng nhập' },
};

export async function signIn(
  context: BrowserContext,
  { username, password }: { username: string; password: string },
  words = SIGN_IN_WORDS.en,
): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${serviceUrl('gateway')}/`);
  await page.getByLabel(words.username).fill(username);
  await page.getByLabel(words.password).fill(password);
  await page.getByRole('button', { name: words.submit, exact: true }).click();
  return page;
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * What axe-core finds serious or critical on the page as it is now: each rule with the
 * elements it failed on (their markup, shortened), so a failure says where to look.
 */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  // Evaluated, not added as a script tag: the page's Content-Security-Policy allows only its own scripts.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const found: { violations: { id: string; impact: string; nodes: { html: string }[] }[] } = await (globalThis as any).axe.run();
    return found.violations.map(({ id, impact, nodes }) => ({ id, impact, elements: nodes.map((node) => node.html.slice(0, 160)) }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}, ${v.elements.length}): ${v.elements.join(' | ')}`);
}

/** What a chart on the page was drawn from: its labels and each series' values, read from the chart library itself. */
export async function chartData(
  page: Page,
  title: string,
): Promise<{ labels: string[]; series: Record<string, number[]>; inked: boolean }> {
  const figure = page.getByRole('figure', { name: title });
  await figure.locator('canvas').waitFor();
  return eventually(async () => {
    const drawn = await figure.locator('canvas').evaluate((canvas: any) => {
      const chart = (globalThis as any).Chart?.getChart(canvas);
      if (!chart) return undefined;
      const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let inked = false;
      for (let i = 3; i < pixels.length && !inked; i += 4) inked = pixels[i] > 0;
      const series: Record<string, number[]> = {};
      for (const dataset of chart.data.datasets) series[dataset.label] = [...dataset.data];
      return { labels: [...chart.data.labels], series, inked };
    });
    expect(drawn).toBeDefined();
    return drawn!;
  });
}
