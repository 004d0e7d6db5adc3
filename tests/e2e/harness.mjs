// Shared set-up for the browser end-to-end suites: the demo server on a free port and Debian's
// Chromium driven by playwright-core (no browser download is possible on these machines).
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const screenshotDir = `${root}/screenshots`;

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

export async function start() {
  const server = await startServer(0, '127.0.0.1');
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
  await mkdir(screenshotDir, { recursive: true });
  return {
    base,
    browser,
    async page(options = {}) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
      const page = await context.newPage();
      page.errors = [];
      page.on('pageerror', (e) => page.errors.push(e));
      return page;
    },
    async stop() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The visible text of an element's shadow parts. */
export function parts(page, selector) {
  return page.$eval(selector, (el) => {
    const text = (part) => {
      const node = el.shadowRoot.querySelector(`[part="${part}"]`);
      return node && !node.hidden ? node.textContent : null;
    };
    return { kind: el.dataset.kind, message: text('message'), notice: text('notice'), error: text('error') };
  });
}

/** Waits until the element's message reads `text`. */
export function waitForMessage(page, selector, text, timeout = 10000) {
  return page.waitForFunction(
    ([sel, want]) => {
      const node = document.querySelector(sel)?.shadowRoot?.querySelector('[part="message"]');
      return node && !node.hidden && node.textContent === want;
    },
    [selector, text],
    { timeout },
  );
}

/** Runs axe-core on the page and returns every violation, and the serious or critical ones (what
 *  the suites assert is empty). */
export async function axeViolations(page) {
  await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return { violations, serious: violations.filter((v) => v.impact === 'serious' || v.impact === 'critical') };
}
