// Runs speclint (WebAssembly) off the main thread, so checking a megabyte never delays a
// keystroke. One request at a time, answered in order: {id, type, ...} → {id, ok, result|error}.
// A check's report with many findings comes in parts: {id, part: findings[]} messages first, then
// the reply with the rest of the findings; CheckerWorker puts them back in order.
//
//   {type: 'init'}                          → {templates: [{id, title, description, source}]}
//   {type: 'check', text, template}         → {report, detection, ms}
//        template: 'auto' | a built-in id | {custom: templateMarkdown}
//   {type: 'compile', source}               → {title, sections}
//
// A custom template is compiled once and kept until its source changes.
import * as speclint from '../pkg/browser.js';

let custom = { source: null, template: null };

function customTemplate(source) {
  if (custom.source !== source) {
    const template = speclint.compileTemplate(source); // throws on a template without headings
    custom.template?.free();
    custom = { source, template };
  }
  return custom.template;
}

const handlers = {
  init() {
    return { templates: speclint.templates() };
  },
  check({ text, template }) {
    const t0 = performance.now();
    const option = template && typeof template === 'object' ? customTemplate(template.custom) : template || 'auto';
    const report = speclint.check(text, { template: option });
    // When nothing fits, say which built-in came closest.
    const detection = option === 'auto' && report.template.id === null ? speclint.detectTemplate(text) : null;
    return { report, detection, ms: performance.now() - t0 };
  },
  compile({ source }) {
    const t = customTemplate(source);
    return { title: t.title, sections: t.sections.map((s) => ({ ...s, path: [...s.path] })) };
  },
};

/**
 * Findings per message. The page receives a message in one main-thread task, and copying ten
 * thousand findings out of one message took about 60 ms there; in parts of this size, each task
 * stays short and the page assembles the report (checker.js).
 */
const FINDINGS_PER_MESSAGE = 1500;

self.onmessage = (event) => {
  const msg = event.data;
  let reply;
  try {
    const handler = handlers[msg.type];
    if (!handler) throw new Error(`unknown request ${msg.type}`);
    reply = { id: msg.id, ok: true, result: handler(msg) };
  } catch (e) {
    reply = { id: msg.id, ok: false, error: e && e.message ? e.message : String(e) };
  }
  const findings = reply.result?.report?.findings;
  if (findings && findings.length > FINDINGS_PER_MESSAGE) {
    // Every part but the last goes ahead as {id, part}; the reply carries the last part.
    let at = 0;
    for (; findings.length - at > FINDINGS_PER_MESSAGE; at += FINDINGS_PER_MESSAGE) {
      self.postMessage({ id: msg.id, part: findings.slice(at, at + FINDINGS_PER_MESSAGE) });
    }
    reply.result.report.findings = findings.slice(at);
  }
  self.postMessage(reply);
};

self.postMessage({ id: 0, ok: true, result: 'loaded' });
