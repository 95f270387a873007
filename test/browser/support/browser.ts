import { mkdirSync } from 'node:fs';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { type EmbeddedStack, startEmbeddedStack } from '../../../infra/local/stack.js';
import type { StackHandle } from '../../integration/support/stack.js';

/** Debian's Chromium: playwright cannot download its own browsers here. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = 'test/browser/artifacts';

export interface WebHandle extends StackHandle {
  browser: Browser;
  /** A fresh page (own storage) at the given size. */
  page(viewport?: { width: number; height: number }): Promise<Page>;
}

/** One embedded stack and Chromium per test file; `empty`: started without the demo region. */
export function useWebStack(options: { empty?: boolean } = {}): WebHandle {
  let stack: EmbeddedStack | undefined;
  const violations: string[] = [];
  const handle = {
    baseUrl: '',
    env: {},
    /** A token as the sign-in page gets one: any stored user, not only the demo ones. */
    async token(username: string) {
      const res = await fetch(`${handle.baseUrl}/api/auth/dev-login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username }),
      });
      if (!res.ok) throw new Error(`dev-login ${username}: HTTP ${res.status}`);
      return ((await res.json()) as { token: string }).token;
    },
  } as WebHandle;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    [stack, handle.browser] = await Promise.all([
      startEmbeddedStack({ inMemory: true, port: 0, webDir: 'web/dist', empty: options.empty }),
      chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] }),
    ]);
    handle.baseUrl = stack.baseUrl;
    handle.env = stack.env;
    handle.page = async (viewport = { width: 1366, height: 900 }) => {
      const context = await handle.browser.newContext({ baseURL: handle.baseUrl, viewport });
      await context.addInitScript(() =>
        document.addEventListener('securitypolicyviolation', (e) =>
          console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`),
        ),
      );
      const page = await context.newPage();
      page.on('console', (m) => {
        if (m.type() === 'error' && /CSP violation|Content Security Policy/.test(m.text()))
          violations.push(`${page.url()}: ${m.text()}`);
      });
      page.setDefaultTimeout(20_000);
      return page;
    };
  });
  afterAll(async () => {
    await handle.browser?.close();
    await stack?.stop();
    // The app must work within the security headers' policy, which the embedded stack sends as CloudFront does.
    expect(violations, 'content security policy violations').toEqual([]);
  });
  return handle;
}

/** Signs in through the sign-in page as a demo user (signing out whoever was signed in). */
export async function signInAs(page: Page, username: string): Promise<void> {
  await page.goto('/');
  const out = page.getByRole('button', { name: /^(Keluar|Sign out)$/ });
  const users = page.locator('button[data-username]');
  // A held token is checked with GET /api/me first: wait until the page shows who is signed in, or nobody.
  await out.or(users).first().waitFor();
  if (await out.isVisible()) await out.click();
  await page.locator(`button[data-username="${username}"]`).click();
  await page.getByTestId('current-role').waitFor();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: true });
}

/** Waits until the located element shows `text` (playwright-core has no web-first assertions). */
export async function seeText(locator: Locator, text: string | RegExp, timeout = 20_000): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ timeout });
}
