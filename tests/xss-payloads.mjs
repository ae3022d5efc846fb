// One corpus of XSS payloads for every browser test (the page in tests/page/, the <spec-lint>
// element in tests/embed/): user text must stay text, wherever it comes from (a document or a
// template) and wherever it ends up (editor, highlights, outline, findings, tooltips, messages).
//
// Every payload is one line, and would do something observable if it ever ran: set a global
// flag window.__xss_<id> (domProbe() reads them in the page) and open a dialog (the tests record
// dialogs); several would also make a request to https://xss.invalid/ (the tests refuse and
// record every request that leaves the origin). None of them may ever fire. tests/page/xss.test.mjs
// shows they do fire when parsed as HTML on a page without a CSP.
//
// corpusTemplate() and corpusDocument() put every payload in every place the core copies into a
// report: headings (outline, "Missing section" messages), placeholders and choices (highlights,
// "Placeholder [...]" messages), guidance comments, checklist items, TODO lines, the title,
// speclint directives, and plain text. quotes(report) lists, per payload, the strings of the
// report (computed by the package in Node) that must be on screen, as text.

/** The code every payload tries to run: a flag and a dialog, both observable. */
const run = (id) => `top.__xss_${id}=1;alert('${id}')`;
const b64 = (s) => Buffer.from(s, 'utf8').toString('base64');
const EVIL = 'https://xss.invalid';

export const PAYLOADS = [
  // Script elements.
  ['script', `<script>${run('script')}</script>`],
  ['script_data_src', `<script src="data:text/javascript,${run('script_data_src')}"></script>`],
  ['script_remote', `<script src="${EVIL}/s.js" onerror="${run('script_remote')}"></script>`],
  ['svg_script', `<svg><script>${run('svg_script')}</script></svg>`],
  // Event-handler attributes.
  ['img_onerror', `<img src=x onerror="${run('img_onerror')}">`],
  ['img_unquoted', `<img src=x onerror=top.__xss_img_unquoted=alert('img_unquoted')>`],
  ['img_remote', `<img src="${EVIL}/i.png" onerror="${run('img_remote')}">`],
  ['svg_onload', `<svg onload="${run('svg_onload')}">`],
  ['svg_animate', `<svg><animate onbegin="${run('svg_animate')}" attributeName="x" dur="1s"/></svg>`],
  ['body_onload', `<body onload="${run('body_onload')}">`],
  ['details_ontoggle', `<details open ontoggle="${run('details_ontoggle')}">`],
  ['input_autofocus', `<input autofocus onfocus="${run('input_autofocus')}">`],
  ['video_source', `<video><source onerror="${run('video_source')}"></video>`],
  ['audio_onerror', `<audio src=x onerror="${run('audio_onerror')}">`],
  ['marquee_onstart', `<marquee onstart="${run('marquee_onstart')}">x</marquee>`],
  ['style_onload', `<style onload="${run('style_onload')}">@import "${EVIL}/x.css"; body{display:none}</style>`],
  ['link_stylesheet', `<link rel="stylesheet" href="${EVIL}/l.css" onerror="${run('link_stylesheet')}">`],
  ['div_background', `<div style="background-image:url(${EVIL}/bg.png)" onmouseover="${run('div_background')}">hover</div>`],
  // javascript: and data: URLs, HTML forms.
  ['a_javascript', `<a href="javascript:${run('a_javascript')}">click</a>`],
  ['a_data', `<a href="data:text/html;base64,${b64(`<script>alert('a_data')</script>`)}">click</a>`],
  ['img_data_svg', `<img src="data:image/svg+xml;base64,${b64(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert('img_data_svg')"/>`)}" onload="${run('img_data_svg')}">`],
  ['iframe_javascript', `<iframe src="javascript:${run('iframe_javascript')}"></iframe>`],
  ['iframe_srcdoc', `<iframe srcdoc="<script>${run('iframe_srcdoc')}</script>"></iframe>`],
  ['object_data', `<object data="data:text/html,<script>${run('object_data')}</script>"></object>`],
  ['embed_javascript', `<embed src="javascript:${run('embed_javascript')}">`],
  ['form_action', `<form action="javascript:${run('form_action')}"><button>go</button></form>`],
  ['svg_xlink', `<svg><a xlink:href="javascript:${run('svg_xlink')}"><text y="20">click</text></a></svg>`],
  ['meta_refresh', `<meta http-equiv="refresh" content="0;url=javascript:${run('meta_refresh')}">`],
  ['base_href', `<base href="${EVIL}/"><img src="b.png" onerror="${run('base_href')}">`],
  // The same in Markdown syntax.
  ['md_link_javascript', `[click me](javascript:${run('md_link_javascript')})`],
  ['md_link_data', `[click me](data:text/html;base64,${b64(`<script>alert('md_link_data')</script>`)})`],
  ['md_image_javascript', `![picture](javascript:${run('md_image_javascript')})`],
  ['md_image_data', `![picture](data:image/svg+xml;base64,${b64(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert('md_image_data')"/>`)})`],
  ['md_image_remote', `![picture](${EVIL}/md.png "x\\" onerror=\\"${run('md_image_remote')}")`],
  ['md_autolink', `<javascript:${run('md_autolink')}>`],
  // Breaking out of wherever the text might be pasted as HTML.
  ['textarea_breakout', `</textarea><script>${run('textarea_breakout')}</script><textarea>`],
  ['textarea_breakout_img', `</textarea><img src=x onerror="${run('textarea_breakout_img')}">`],
  ['title_breakout', `</title><script>${run('title_breakout')}</script>`],
  ['attribute_breakout', `"><img src=x onerror="${run('attribute_breakout')}">`],
  ['attribute_breakout_single', `'><svg onload=top.__xss_attribute_breakout_single=alert(1)>`],
  ['comment_breakout', `--><img src=x onerror="${run('comment_breakout')}"><!--`],
  ['noscript_mxss', `<noscript><p title="</noscript><img src=x onerror=top.__xss_noscript_mxss=alert(1)>">`],
  ['math_mxss', `<math><mtext><table><mglyph><style><img src=x onerror=top.__xss_math_mxss=alert(1)>`],
  // Entity-encoded: text that becomes markup only if something decodes it first.
  ['entity_lt', `&lt;img src=x onerror="${run('entity_lt')}"&gt;`],
  ['entity_decimal', `&#60;script&#62;${run('entity_decimal')}&#60;/script&#62;`],
  ['entity_attribute', `<img src=x onerror="&#116;op.__xss_entity_attribute=1;&#97;lert('entity_attribute')">`],
  ['entity_javascript_url', `<a href="&#106;avascript:${run('entity_javascript_url')}">click</a>`],
  // Template-engine and JS-string injection (only evaluators would run these).
  ['template_expression', `{{constructor.constructor("${run('template_expression')}")()}} \${${run('template_literal')}}`],
].map(([id, text]) => ({ id, text }));

// Payloads in special places of the template and the document (beyond every payload in every
// place it fits): a choice placeholder, and an alias directive whose alias is markup.
const CHOICE = `[Accepted | <svg onload="${run('choice')}">]`;
const ALIAS = `<img src=x onerror=top.__xss_alias=alert('alias')>`;
const TITLE = `Payloads <img src=x onerror="${run('title')}">`;

/** Where a payload fits: a [placeholder] needs no brackets, pipes or comment marks, a comment no "--". */
const fitsPlaceholder = (p) => !/[[\]|]|--/.test(p);
const fitsComment = (p) => !p.includes('--');
const heading = (i, p) => `Part ${i + 1}: ${p}`;
/** Sections the document leaves out, so the outline and findings report them missing. */
const leftOut = (i) => i % 6 === 5;

/** A custom template whose every heading, placeholder, comment and checklist item is a payload. */
export function corpusTemplate() {
  const out = [`# ${TITLE}`, '', `**Decision**: ${CHOICE}`, ''];
  PAYLOADS.forEach(({ text }, i) => {
    out.push(`## ${heading(i, text)}`);
    if (fitsComment(text)) out.push(`<!-- ${text} -->`);
    if (fitsPlaceholder(text)) out.push(`[${text}]`);
    out.push(`- [ ] ${text}`, '');
  });
  out.push('## Runbook', `<!-- speclint: aliases "${ALIAS}" -->`, '[Link to the runbook]', '');
  return out.join('\n');
}

/** A document with every payload in every place: filled-in text, left-over template text, TODOs. */
export function corpusDocument() {
  const out = [`# ${TITLE}`, '', `**Decision**: ${CHOICE}`, '', `Written by ${PAYLOADS[0].text} for ${PAYLOADS[4].text}.`, ''];
  PAYLOADS.forEach(({ text }, i) => {
    if (leftOut(i)) return;
    out.push(`## ${heading(i, text)}`, '');
    out.push(`This part is written, and quotes ${text} as text.`);
    if (fitsComment(text)) out.push(`<!-- ${text} -->`);
    if (fitsPlaceholder(text)) out.push(`[${text}]`);
    out.push(`- [ ] ${text}`, `TODO ${text}`, '');
  });
  // The alias directive's markup as a document heading: matched to "Runbook" through the alias.
  // Its text names the payloads of the sections left out, so the document holds every payload.
  out.push(`## ${ALIAS}`, '', 'See the wiki.', '');
  PAYLOADS.forEach(({ text }, i) => leftOut(i) && out.push(`Not written yet: ${text}`));
  out.push('');
  return out.join('\n');
}

/**
 * For each payload (and the special ones), the strings of `report` that quote it, by kind:
 * section titles (the template's headings), headings (the document's, where the outline shows
 * them) and finding messages. A message quotes at most about 60 characters, so a payload counts
 * as quoted by its first 40 (its markup: `<img src=x onerror="top.__xss_…`).
 */
export function quotes(report) {
  const all = [...PAYLOADS, { id: 'choice', text: CHOICE }, { id: 'alias', text: ALIAS }, { id: 'title', text: TITLE }];
  return all.map(({ id, text }) => {
    const quote = text.slice(0, 40);
    const having = (xs) => [...new Set(xs.filter((s) => s && s.includes(quote)))];
    return {
      id,
      text,
      quote,
      titles: having(report.sections.map((s) => s.title)),
      headings: having(report.sections.map((s) => s.heading)),
      messages: having(report.findings.map((f) => f.message)),
    };
  });
}

/** The [placeholders] corpusDocument() leaves unfilled (their highlights show them exactly). */
export const PLACEHOLDERS = PAYLOADS.filter(({ text }, i) => !leftOut(i) && fitsPlaceholder(text)).map(({ text }) => `[${text}]`);

/** Elements markup could bring in; a page must hold as many of them after the payloads as before. */
export const DANGEROUS = 'script img image picture iframe frame frameset object embed svg math style link meta base form input textarea select video audio source track marquee details noscript template a area canvas'.split(' ');

/**
 * Runs in the page, as `page.evaluate(domProbe, DANGEROUS)`: what payloads would leave behind,
 * in the document and in every open shadow root: window.__xss_* flags, counts of the elements
 * markup could bring in, every on* attribute, every javascript:/data: URL in an attribute, the
 * tag names inside shadow roots, style sheets, the base URL and the location.
 */
export function domProbe(dangerous) {
  const elements = [];
  const shadowTags = new Set();
  const walk = (root, inShadow) => {
    for (const el of root.querySelectorAll('*')) {
      elements.push(el);
      if (inShadow) shadowTags.add(el.localName);
      if (el.shadowRoot) walk(el.shadowRoot, true);
    }
  };
  walk(document, false);
  const counts = Object.fromEntries(dangerous.map((t) => [t, elements.filter((e) => e.localName === t).length]));
  const handlers = [];
  const urls = [];
  for (const el of elements) {
    for (const a of el.attributes) {
      if (/^on/i.test(a.name)) handlers.push(`${el.localName}[${a.name}]`);
      if (/^\s*(javascript|data|vbscript):/i.test(a.value)) urls.push(`${el.localName}[${a.name}=${a.value.slice(0, 40)}]`);
    }
  }
  return {
    flags: Object.keys(window).filter((k) => k.startsWith('__xss')),
    counts,
    handlers,
    urls,
    shadowTags: [...shadowTags].sort(),
    styleSheets: document.styleSheets.length,
    bodyShown: getComputedStyle(document.body).display !== 'none',
    baseURI: document.baseURI,
    location: location.href,
  };
}
