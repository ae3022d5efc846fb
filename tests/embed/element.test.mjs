// <spec-lint> on test pages (tests/embed/fixtures/, served under /__embed__/ with the demo's CSP):
// every source (src, for= a contenteditable, own text), template URLs, theming, host styles that
// must not reach inside, errors shown inside the element while the page keeps working, and user
// text that must stay text.
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { ROOT, SCREENSHOTS, check, fixture, launch, open, serve, settled, shown } from './helpers.mjs';

let server;
let browser;
const MD = await readFile(join(ROOT, 'www/embed/notification-service.md'), 'utf8');
const TEAM = await fixture('team-template.md');

before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function load(path, options) {
  const opened = await open(browser, server.origin, options);
  await opened.page.goto(`${server.origin}/__embed__/${path}`);
  await settled(opened.page);
  return opened;
}

describe('sources and templates', () => {
  test('src, own text and a contenteditable, against built-in and URL templates: one .wasm, one template fetch', async () => {
    const { context, page, problems, seen } = await load('many.html');
    const reportOf = (id) => page.$eval(`#${id}`, (el) => el.report);

    assert.deepEqual(await reportOf('by-src'), check(MD));
    assert.deepEqual(await reportOf('by-template-url'), check(MD, { template: TEAM }));
    // Own text: the HTML's indentation is taken off, so the headings are headings.
    const own = '# Notification Service\n\n## Purpose\n\nSends e-mail, SMS and push notifications for every product.\n\n## Owner\n\n[Team name]\n';
    const ownReport = await reportOf('same-template-url');
    assert.deepEqual(ownReport, check(own, { template: TEAM }));
    assert.equal(ownReport.sections.find((s) => s.title === 'Owner').status, 'placeholder');
    assert.deepEqual(await reportOf('by-contenteditable'), check('# Draft\n\n## Summary\n\nTODO\n', { template: TEAM }));

    assert.equal(await page.evaluate(() => window.__wasm.calls), 1);
    assert.equal(seen.filter((u) => u.endsWith('.wasm')).length, 1);
    assert.equal(seen.filter((u) => u.endsWith('/team-template.md')).length, 1, 'three elements share one fetch of the template');

    // Typing into the contenteditable re-checks it.
    await page.locator('#ce').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n## Owner\n\nMessaging team\n');
    const text = await page.$eval('#ce', (el) => el.innerText);
    const expected = check(text, { template: TEAM });
    await page.waitForFunction((score) => document.getElementById('by-contenteditable').report.score === score, expected.score);
    assert.deepEqual(await reportOf('by-contenteditable'), expected);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('check(), .report and the speclint-report event; attribute changes re-check', async () => {
    const { context, page, problems } = await load('many.html');
    const result = await page.evaluate(async () => {
      const el = document.getElementById('by-src');
      const events = [];
      document.addEventListener('speclint-report', (e) => events.push([e.target.id, e.detail.score, e.composed, e.bubbles]));
      const report = await el.check();
      el.setAttribute('template', 'tech-spec');
      await new Promise((resolve) => el.addEventListener('speclint-report', resolve, { once: true }));
      return { checked: report.score, events, techSpec: el.report.template.id };
    });
    assert.equal(result.checked, check(MD).score);
    assert.equal(result.techSpec, 'tech-spec');
    assert.deepEqual(result.events.map((e) => e[0]), ['by-src', 'by-src']);
    assert.deepEqual(result.events[0].slice(1), [check(MD).score, true, true]);
    assert.equal(result.events[1][1], check(MD, { template: 'tech-spec' }).score);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('themable: custom properties and ::part reach the parts they name', async () => {
    const { context, page, problems } = await load('many.html');
    const styles = await page.$eval('#by-src', (el) => {
      const badge = el.shadowRoot.querySelector('[part~="badge"]');
      return { background: getComputedStyle(badge).backgroundColor, color: getComputedStyle(badge).color };
    });
    assert.equal(styles.background, 'rgb(250, 240, 230)', '::part(badge)');
    // Without min-score the badge takes the colour of its score band; the page set all three.
    const score = check(MD).score;
    const band = score >= 90 ? 'rgb(0, 90, 0)' : score >= 50 ? 'rgb(90, 60, 0)' : 'rgb(1, 2, 3)';
    assert.equal(styles.color, band, '--speclint-good/-fair/-poor');

    // :state(fail) with min-score, styled through ::part.
    await page.$eval('#by-src', (el) => el.setAttribute('min-score', String(el.report.score + 1)));
    const failed = await page.$eval('#by-src', (el) => [el.matches(':state(fail)'), getComputedStyle(el.shadowRoot.querySelector('[part~="badge"]')).outlineColor]);
    assert.deepEqual(failed, [true, 'rgb(200, 0, 0)']);
    await page.$eval('#by-src', (el) => el.setAttribute('min-score', String(el.report.score)));
    assert.equal(await page.$eval('#by-src', (el) => el.matches(':state(pass)') && !el.matches(':state(fail)')), true);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("the default colours follow the page's color-scheme", async () => {
    const backgrounds = {};
    for (const scheme of ['light', 'dark']) {
      const { context, page, problems } = await load('many.html', { colorScheme: scheme });
      backgrounds[scheme] = await page.$eval('#by-template-url', (el) => getComputedStyle(el.shadowRoot.querySelector('[part~="report"]')).backgroundColor);
      assert.deepEqual(problems, []);
      await context.close();
    }
    assert.deepEqual(backgrounds, { light: 'rgb(255, 255, 255)', dark: 'rgb(27, 30, 35)' });
    // The wiki demo declares color-scheme: light only, so a dark system leaves its elements light.
    const { context, page } = await open(browser, server.origin, { colorScheme: 'dark' });
    await page.goto(`${server.origin}/embed.html`);
    await settled(page);
    const demo = await page.$eval('spec-lint[data-testid="checker"]', (el) => getComputedStyle(el.shadowRoot.querySelector('[part~="report"]')).backgroundColor);
    assert.equal(demo, 'rgb(248, 249, 250)'); // its own ::part(report) background
    const badge = await page.$eval('spec-lint[data-testid="badge"]', (el) => getComputedStyle(el.shadowRoot.querySelector('[part~="badge"]')).backgroundColor);
    assert.equal(badge, 'rgb(255, 255, 255)');
    await context.close();
  });
});

describe('host styles', () => {
  test('global host CSS (* { color: red !important; display: block } and worse) changes nothing inside', async () => {
    const shots = {};
    for (const name of ['plain', 'hostile']) {
      const { context, page, problems } = await load(`${name}.html`);
      const full = page.locator('#full [part~="report"]');
      const badge = page.locator('#badge [part~="badge"]');
      shots[name] = { full: await full.screenshot(), badge: await badge.screenshot() };
      // Collapsed, the panel is hidden even though the page says [hidden] { display: block !important }.
      assert.equal(await page.locator('#badge [part~="panel"]').isVisible(), false);
      await badge.click();
      assert.equal(await page.locator('#badge [part~="panel"]').isVisible(), true);
      shots[name].panel = await page.locator('#badge [part~="panel"]').screenshot();
      const colors = await page.$eval('#full', (el) =>
        [...el.shadowRoot.querySelectorAll('.root *')].map((n) => getComputedStyle(n).color),
      );
      assert.ok(!colors.includes('rgb(255, 0, 0)') && !colors.includes('rgb(0, 0, 255)'), 'no host color inside');
      assert.deepEqual(problems, []);
      await context.close();
    }
    for (const part of ['full', 'badge', 'panel']) {
      // Equal but for rasterization noise (anti-aliasing of a rounded corner can differ by a unit).
      if ((await differingPixels(shots.hostile[part], shots.plain[part])) === 0) continue;
      await mkdir(SCREENSHOTS, { recursive: true });
      for (const name of ['plain', 'hostile']) await writeFile(join(SCREENSHOTS, `embed-host-${part}-${name}.png`), shots[name][part]);
      assert.fail(`the ${part} looks different under the host page's CSS: see screenshots/embed-host-${part}-*.png`);
    }
  });
});

/** How many pixels of two same-size PNGs differ by more than 16 in a channel (decoded by Chromium). */
async function differingPixels(a, b) {
  const page = await browser.newPage();
  try {
    return await page.evaluate(async (urls) => {
      const pixels = async (url) => {
        const bitmap = await createImageBitmap(await (await fetch(url)).blob());
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        canvas.getContext('2d').drawImage(bitmap, 0, 0);
        return canvas.getContext('2d').getImageData(0, 0, bitmap.width, bitmap.height);
      };
      const [x, y] = await Promise.all(urls.map(pixels));
      if (x.width !== y.width || x.height !== y.height) return Infinity;
      let n = 0;
      for (let i = 0; i < x.data.length; i += 4) {
        if (Math.max(...[0, 1, 2, 3].map((c) => Math.abs(x.data[i + c] - y.data[i + c]))) > 16) n++;
      }
      return n;
    }, [a, b].map((png) => `data:image/png;base64,${png.toString('base64')}`));
  } finally {
    await page.close();
  }
}

describe('errors stay inside the element', () => {
  test('each failure is a readable message in its element; the page keeps working', async () => {
    const { context, page, problems } = await load('errors.html');
    const errorOf = async (id) => {
      const [view, state] = await Promise.all([shown(page, `#${id}`), page.$eval(`#${id}`, (el) => [el.report, el.error])]);
      assert.equal(state[0], null, `${id}: no report`);
      assert.ok(view.error.includes(state[1]), `${id}: the element shows its error`);
      return state[1];
    };
    assert.match(await errorOf('missing-src'), /Could not load the Markdown at http:\/\/127\.0\.0\.1:\d+\/nope\/missing-spec\.md: the server answered 404/);
    assert.match(await errorOf('html-src'), /is an HTML page, not raw Markdown/);
    assert.match(await errorOf('bad-template'), /The template at .*no-headings\.md cannot be used: .*no headings/);
    assert.match(await errorOf('missing-template'), /Could not load the template at .*\/nope\/template\.md: the server answered 404/);
    assert.match(await errorOf('unknown-id'), /Unknown template "tech_spec": use auto, tech-spec, spec-md, or the URL of a template \.md file/);
    assert.match(await errorOf('missing-for'), /no element with id "no-such-textarea"/);
    assert.match(await errorOf('empty'), /Nothing to check/);
    const badMin = await page.$eval('#bad-min', (el) => el.shadowRoot.querySelector('[part~="error"]').textContent);
    assert.match(badMin, /min-score must be a number from 0 to 100 \(got "high"\)/);

    // check() rejects with the same message; the page's own script and button still work.
    const rejected = await page.$eval('#missing-src', (el) => el.check().then(() => 'resolved', (e) => e.message));
    assert.match(rejected, /404/);
    assert.equal(await page.getAttribute('body', 'data-alive'), 'yes');
    await page.click('#page-button');
    assert.equal(await page.getAttribute('#page-button', 'data-clicks'), '1');

    // Fixing the attribute recovers.
    await page.$eval('#missing-src', (el) => el.setAttribute('src', '/embed/notification-service.md'));
    await page.waitForFunction(() => document.getElementById('missing-src').report !== null);
    assert.equal(await page.$eval('#missing-src', (el) => el.report.score), check(MD).score);

    // Only the 404s the attributes asked for: no uncaught errors, no unhandled rejections.
    const unexpected = problems.filter((p) => !/console\.error: Failed to load resource: the server responded with a status of 404/.test(p));
    assert.deepEqual(unexpected, []);
    await context.close();
  });
});

describe('user text', () => {
  test('Markdown with HTML in headings, text and placeholders is shown as text, never run', async () => {
    const { context, page, problems } = await load('xss.html');
    const text = await page.inputValue('#src');
    const expected = check(text, { template: await fixture('xss-template.md') });
    assert.ok(expected.findings.some((f) => f.message.includes('<img src=z')), 'a message quotes the HTML');
    const result = await page.$eval('#xss', (el) => ({
      elements: [...el.shadowRoot.querySelectorAll('img, script, b, [onerror], [onmouseover]')].length,
      text: el.shadowRoot.textContent,
      xss: window.__xss ?? null,
    }));
    assert.equal(result.elements, 0);
    assert.equal(result.xss, null);
    assert.ok(result.text.includes('Missing section: <img src=z onerror="window.__xss = 5"> Runbook'), result.text);
    assert.deepEqual((await shown(page, '#xss')).sections, expected.sections.map((s) => [s.title, s.status]));
    assert.deepEqual((await shown(page, '#xss')).findings, expected.findings.map((f) => f.message));
    assert.deepEqual(problems, []);
    await context.close();
  });
});
