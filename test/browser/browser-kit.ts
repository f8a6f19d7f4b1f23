import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { BrowserContext, Page, chromium } from 'playwright-core';

const ROOT = join(__dirname, '../..');
export const CHROMIUM = '/usr/bin/chromium';
export const RESULTS = join(ROOT, 'test-results');

/**
 * Debian's Chromium, headless, driven by playwright-core (which never downloads a browser), with a fresh
 * profile and nothing that phones home. Collects the page's console errors and failed requests, so a
 * test can insist there were none (a CSP violation or a missing asset shows up there).
 */
export class CockpitBrowser {
  readonly problems: string[] = [];

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    private readonly profile: string,
  ) {}

  static async launch(): Promise<CockpitBrowser> {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium; .ci/run does it)`);
    if (!existsSync(join(ROOT, 'dist/cockpit/index.html'))) throw new Error('dist/cockpit is missing: run `npm run build` first (it builds the cockpit)');
    const profile = mkdtempSync(join(tmpdir(), 'cockpit-chromium-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
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
      viewport: { width: 1600, height: 1100 },
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const browser = new CockpitBrowser(context, page, profile);
    page.on('console', (message) => {
      if (message.type() === 'error') browser.problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => browser.problems.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) => {
      // The live stream is aborted on purpose when the page is left or the browser closes.
      if (!request.url().endsWith('/stream')) browser.problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`);
    });
    return browser;
  }

  async screenshot(name: string): Promise<string> {
    mkdirSync(RESULTS, { recursive: true });
    const path = join(RESULTS, `${name}.png`);
    await this.page.screenshot({ path, fullPage: true });
    return path;
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
    rmSync(this.profile, { recursive: true, force: true });
  }
}

/** The diagram element (bpmn-js puts data-element-id on it) carrying one of the cockpit's markers. */
export function marked(page: Page, elementId: string, marker: string) {
  return page.locator(`.djs-element[data-element-id="${elementId}"].${marker}`);
}
