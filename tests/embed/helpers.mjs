// Shared by the <spec-lint> tests: www/ served by the page tests' static server
// (tests/page/helpers.mjs) with this folder's fixtures/ answered under /__embed__/ on the same
// origin, a counter of WebAssembly instantiations, and the expected reports computed in Node
// with the package itself.
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { openPage } from '../page/helpers.mjs';

export { launch, serve, screenshot, ROOT, SCREENSHOTS } from '../page/helpers.mjs';
export { check } from '../../npm/node.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.md': 'text/markdown; charset=utf-8' };

export const fixture = (name) => readFile(join(FIXTURES, name), 'utf8');

/**
 * openPage() from the page tests (foreign requests, console errors, page errors, dialogs and
 * CSP violations land in `problems`), plus: /__embed__/* answered from fixtures/, every request
 * URL in `seen` (one entry per request), and `window.__wasm` counting the page's calls of every
 * WebAssembly compile/instantiate entry point.
 */
export async function open(browser, origin, options) {
  const opened = await openPage(browser, origin, options);
  const { page } = opened;
  await page.route(`${origin}/__embed__/**`, async (route) => {
    const name = new URL(route.request().url()).pathname.slice('/__embed__/'.length);
    try {
      const body = await readFile(join(FIXTURES, name));
      await route.fulfill({ status: 200, body, contentType: TYPES[extname(name)] ?? 'application/octet-stream' });
    } catch {
      await route.fulfill({ status: 404, body: 'not found', contentType: 'text/plain' });
    }
  });
  const seen = [];
  page.on('request', (r) => seen.push(r.url()));
  await page.addInitScript(() => {
    window.__wasm = { calls: 0 };
    for (const name of ['instantiate', 'instantiateStreaming', 'compile', 'compileStreaming']) {
      const original = WebAssembly[name];
      WebAssembly[name] = function (...args) {
        window.__wasm.calls += 1;
        return original.apply(this, args);
      };
    }
    const { Module, Instance } = WebAssembly;
    WebAssembly.Module = new Proxy(Module, { construct: (t, a) => (window.__wasm.calls++, new t(...a)) });
    WebAssembly.Instance = new Proxy(Instance, { construct: (t, a) => (window.__wasm.calls++, new t(...a)) });
  });
  return { ...opened, seen };
}

/** Waits until every <spec-lint> on the page (or matching `selector`) has a report or an error. */
export async function settled(page, selector = 'spec-lint') {
  await page.waitForFunction(
    (sel) => {
      const all = [...document.querySelectorAll(sel)];
      return all.length > 0 && all.every((e) => (e.report || e.error) && !e.matches(':state(checking)'));
    },
    selector,
    { timeout: 20_000 },
  );
}

/** The text of the shadow-DOM parts of element `id`, as a user reads them. */
export async function shown(page, selector) {
  return page.$eval(selector, (el) => ({
    score: el.shadowRoot.querySelector('[part~="score"]')?.textContent ?? null,
    error: el.shadowRoot.querySelector('[part~="error"]')?.textContent ?? null,
    findings: [...el.shadowRoot.querySelectorAll('[part~="finding"]')].map((li) => li.querySelector('.msg').textContent),
    sections: [...el.shadowRoot.querySelectorAll('[part~="section"]')].map((li) => [li.querySelector('.title').textContent, li.dataset.status]),
  }));
}
