// Shared by the page tests: a static server for www/ (what any static host does: files with
// their MIME type, application/wasm for .wasm, nothing else), Debian's Chromium via
// playwright-core, and a page wrapper that records everything a test must assert never happens
// (requests to other origins, dialogs, console errors, uncaught exceptions, CSP violations).
import { createServer } from 'node:http';
import { readFile, stat, mkdir } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

export const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
export const WWW = join(ROOT, 'www');
export const SCREENSHOTS = join(ROOT, 'screenshots');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.md': 'text/markdown; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
};

/** Serves www/ on 127.0.0.1 and a free port. Returns {origin, requests, close}. */
export async function serve() {
  const requests = [];
  const server = createServer(async (req, res) => {
    requests.push(req.url);
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      let file = normalize(join(WWW, path));
      if (file !== WWW && !file.startsWith(WWW + sep)) throw Object.assign(new Error('outside'), { code: 'ENOENT' });
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, requests, close: () => new Promise((ok) => server.close(ok)) };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * One server and one browser for a test file: started before its first test, closed after its
 * last. `env.srv` and `env.browser` are set once the tests run.
 */
export function pageSuite() {
  const env = {};
  before(async () => {
    env.srv = await serve();
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.srv?.close();
  });
  return env;
}

/**
 * A fresh browser context and page on the served origin, with everything recorded:
 *   problems: dialogs, console errors, page errors, CSP violations, foreign requests.
 * `options`: Playwright context options (colorScheme, viewport, ...).
 */
export async function openPage(browser, origin, options = {}) {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    permissions: ['clipboard-read', 'clipboard-write'],
    ...options,
  });
  const problems = [];
  const requests = [];
  // Every request the browser makes, from the page or its worker: anything not on our origin is
  // recorded and refused, so a leak fails the test instead of reaching the network.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    requests.push(url);
    if (!isSameOrigin(url, origin)) {
      problems.push(`request to another origin: ${url}`);
      return route.abort();
    }
    return route.continue();
  });
  const page = await context.newPage();
  page.on('request', (req) => {
    const url = req.url();
    if (!requests.includes(url)) requests.push(url);
    if (!isSameOrigin(url, origin)) problems.push(`request to another origin: ${url}`);
  });
  page.on('dialog', (d) => {
    problems.push(`dialog (${d.type()}): ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'assert') problems.push(`console.${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('worker', (w) => w.on('console', (msg) => msg.type() === 'error' && problems.push(`worker console.error: ${msg.text()}`)));
  await page.exposeBinding('__reportCsp', (_src, text) => problems.push(`CSP violation: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => window.__reportCsp(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return { context, page, problems, requests };
}

function isSameOrigin(url, origin) {
  if (url.startsWith('data:') || url.startsWith('blob:') || url === 'about:blank') return true;
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

/** Loads the page and waits until a report is on screen. */
export async function gotoReady(page, origin, path = '/') {
  await page.goto(origin + path);
  await waitChecked(page);
}

/**
 * Waits until the page shows a report for exactly the current text (no check pending).
 */
export async function waitChecked(page, timeout = 20_000) {
  await page.waitForFunction(
    () => {
      const p = window.speclintPage;
      return p && p.state.report && p.state.reportVersion === p.editor.version && !p.scheduler?.inFlight;
    },
    null,
    { timeout },
  );
  // One more frame so the DOM updates of render() have been painted.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
}

/**
 * Replaces the editor's text by a real paste: select all, Ctrl+V from the clipboard (the
 * context has clipboard permissions; see openPage).
 */
export async function pasteText(page, text) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.focus('[data-testid=editor]');
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Control+v');
  await page.waitForFunction((n) => window.speclintPage.editor.length === n, text.length);
  await waitChecked(page);
}

// The editor is CodeMirror: only the lines on screen are in the DOM. What the whole document
// holds, and where the caret is, are read from the page's editor object (what a person would
// see by scrolling through it); what is on screen is read from the DOM.

/** The editor's whole text. */
export function editorText(page) {
  return page.evaluate(() => window.speclintPage.editor.text);
}

/** The text selected in the editor (empty for a caret), and the caret/selection offsets. */
export function editorSelection(page) {
  return page.evaluate(() => {
    const { editor } = window.speclintPage;
    const { start, end } = editor.selection;
    return { start, end, text: editor.text.slice(start, end), focused: editor.hasFocus };
  });
}

/** Puts the caret at `offset`, as clicking a finding there does (the editor scrolls to it). */
export async function placeCaret(page, offset) {
  await page.evaluate((at) => window.speclintPage.editor.select(at, at), offset);
}

/**
 * Every highlight in the document, as a person finds them by scrolling the editor from top to
 * bottom: [{fid, text, cls, point}] for each finding's first highlighted piece (an insertion
 * point's text is its line's). The scroll position is restored afterwards.
 */
export async function allHighlights(page) {
  const seen = new Map();
  await scrollThrough(page, () =>
    [...document.querySelectorAll('#editor-scroller [data-testid=highlight]')].map((el) => ({
      fid: Number(el.dataset.fid),
      text: el.textContent,
      cls: el.className,
      point: el.classList.contains('hl-point'),
    })),
    (found) => {
      for (const h of found) if (!seen.has(`${h.fid}:${h.point}`)) seen.set(`${h.fid}:${h.point}`, h);
    },
  );
  return [...seen.values()];
}

/** The text of every line the editor draws, met by scrolling it from top to bottom (a Set). */
export async function renderedLines(page) {
  const lines = new Set();
  await scrollThrough(
    page,
    () => [...document.querySelectorAll('#editor-scroller .cm-line')].map((el) => el.textContent),
    (found) => found.forEach((l) => lines.add(l)),
  );
  return lines;
}

/** Scrolls the editor a screenful at a time, calling `read` in the page at each stop. */
async function scrollThrough(page, read, collect) {
  const was = await page.evaluate(() => document.querySelector('#editor-scroller .cm-scroller').scrollTop);
  for (let y = 0; ; ) {
    const done = await page.evaluate(async (at) => {
      const scroller = document.querySelector('#editor-scroller .cm-scroller');
      scroller.scrollTop = at;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return { step: Math.max(100, scroller.clientHeight * 0.8), end: at >= scroller.scrollHeight - scroller.clientHeight };
    }, y);
    collect(await page.evaluate(read));
    if (done.end) break;
    y += done.step;
  }
  await page.evaluate(async (at) => {
    document.querySelector('#editor-scroller .cm-scroller').scrollTop = at;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  }, was);
}

export async function screenshot(page, name) {
  await mkdir(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

export async function readRepoFile(rel) {
  return readFile(join(ROOT, rel), 'utf8');
}

/**
 * Injects into the live page what a successful XSS would: an inline <script> element (created,
 * given text and inserted into the document), an inline event handler (clicked), a string timer
 * (eval), a javascript: URL (clicked) and an inline <style>. Returns which of the scripts ran
 * (`ran`, names), whether the script element really was in the document, and whether the style
 * applied. Everything injected is removed again.
 */
export async function injectInline(page) {
  return page.evaluate(async () => {
    window.__injected = {};
    const script = document.createElement('script');
    script.textContent = 'window.__injected.inlineScript = true';
    document.body.append(script);
    const inserted = script.isConnected && document.scripts.length > 0 && [...document.scripts].includes(script);
    const button = document.createElement('button');
    button.setAttribute('onclick', 'window.__injected.handler = true');
    document.body.append(button);
    button.click();
    setTimeout('window.__injected.stringTimer = true', 0); // eslint-disable-line no-implied-eval
    const link = document.createElement('a');
    link.href = 'javascript:window.__injected.javascriptUrl = true; void 0';
    document.body.append(link);
    link.click();
    const style = document.createElement('style');
    style.textContent = 'body { display: none !important }';
    document.head.append(style);
    await new Promise((r) => setTimeout(r, 200));
    const result = { ran: Object.keys(window.__injected).sort(), inserted, styled: getComputedStyle(document.body).display === 'none' };
    for (const el of [script, button, link, style]) el.remove();
    delete window.__injected;
    return result;
  });
}
