// The report panels: score gauge, template outline checklist, findings grouped by section.
// Everything here is built with h() (text nodes only); report strings quote the user's text.
import { h, srOnly } from './dom.js';

export const STATUS_ICON = { complete: '✓', incomplete: '◐', placeholder: '○', empty: '∅', missing: '✕' };
export const SEVERITY_LABEL = { error: 'Error', warning: 'Warning', info: 'Note' };
const SEVERITY_ICON = { error: '●', warning: '▲', info: 'i' };
/** What a finding's fix button says: deletions remove, insertions insert. */
export function fixLabel(f) {
  if (!f.fix) return null;
  if (f.fix.text === '') return 'Remove';
  return f.fix.range.start === f.fix.range.end ? 'Insert' : 'Apply';
}

/** How many findings the list renders before asking (a megabyte of template can hold thousands). */
const LIST_LIMIT = 300;
/** How many more each "Show more" lists. */
const LIST_STEP = 1000;

export function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

/** Score number, gauge and the one-line summary. */
export function renderScore(els, report, detail) {
  const score = report ? report.score : null;
  els.score.textContent = score === null ? '–' : String(score);
  els.gauge.style.setProperty('--p', String(score ?? 0));
  els.gauge.dataset.band = score === null ? 'none' : score >= 90 ? 'good' : score >= 50 ? 'fair' : 'poor';
  if (!report) {
    els.summary.textContent = detail || '';
    els.sectionsSummary.textContent = '';
    return;
  }
  const { errors, warnings, infos } = report.summary;
  els.summary.textContent = [plural(errors, 'error'), plural(warnings, 'warning'), plural(infos, 'note')].join(' · ');
  const counted = report.sections.filter((s) => s.maxPoints > 0);
  const complete = counted.filter((s) => s.status === 'complete').length;
  els.sectionsSummary.textContent =
    score === null ? 'No template fits this document: pick one above.' : `${complete} of ${plural(counted.length, 'section')} complete`;
}

/** The template outline as a checklist of buttons. */
export function renderOutline(list, report, onPick) {
  if (!report || report.sections.length === 0) {
    const note = !report
      ? 'Not checked yet.'
      : report.template.id === null
        ? 'No template fits this document. Pick one in the Template menu, or paste your own as a custom template.'
        : 'This template has no sections.';
    list.replaceChildren(h('li', { class: 'empty-note' }, note));
    return;
  }
  const minDepth = Math.min(...report.sections.map((s) => s.path.length));
  const items = report.sections.map((s, index) => {
    const depth = Math.min(6, s.path.length - minDepth + 1);
    const shown = s.heading && normalize(s.heading) !== normalize(s.title) ? s.heading : s.title;
    const label = [
      h('span', { class: 'st-icon', 'aria-hidden': 'true' }, STATUS_ICON[s.status]),
      h(
        'span',
        { class: 'sec-title' },
        h('span', { class: 'sec-name' }, shown),
        s.status === 'complete' ? srOnly(', complete') : [' ', h('span', { class: 'st-badge' }, srOnly(', '), s.status)],
        s.optional ? [' ', h('span', { class: 'opt' }, srOnly(', '), 'optional')] : null,
        shown !== s.title ? h('span', { class: 'sec-template' }, srOnly('template: '), s.title) : null,
      ),
      s.maxPoints > 0 ? h('span', { class: 'points', title: 'points earned / possible' }, srOnly(', '), `${s.points}/${s.maxPoints}`, srOnly(' points')) : null,
    ];
    return h(
      'li',
      { class: `depth-${depth}` },
      h(
        'button',
        {
          type: 'button',
          class: `section st-${s.status}`,
          dataset: { testid: 'section', status: s.status, index },
          title: s.status === 'missing' ? 'Go to where this section belongs' : 'Go to this section',
          onclick: () => onPick(index),
        },
        label,
      ),
    );
  });
  list.replaceChildren(...items);
}

/**
 * Findings grouped by template section, in outline order. `actions`: {onSelect(i), onFix(i)}.
 * Lists the first `limit` findings; a button lists LIST_STEP more (a 10 MB document can have a
 * hundred thousand findings, far more than a list can lay out at once).
 */
export function renderFindings(container, report, actions, limit = LIST_LIMIT) {
  if (!report) {
    container.replaceChildren();
    return;
  }
  if (report.findings.length === 0) {
    container.replaceChildren(h('p', { class: 'all-clear' }, report.score === null ? 'Nothing to report without a template.' : 'Nothing left to fill in. 🎉'));
    return;
  }
  const groups = new Map();
  report.findings.forEach((f, i) => {
    const key = f.section ?? -1;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(i);
  });
  const keys = [...groups.keys()].sort((a, b) => a - b);
  let budget = limit;
  const out = [];
  for (const key of keys) {
    if (budget <= 0) break;
    const section = key >= 0 ? report.sections[key] : null;
    // Parents as the template names them, the section itself as the document does.
    const title = section ? [...section.path.slice(1, -1), section.heading ?? section.title].join(' › ') : 'Whole document';
    const ids = groups.get(key);
    const rows = [];
    for (const i of ids) {
      if (budget-- <= 0) break;
      rows.push(findingRow(report.findings[i], i, actions));
    }
    out.push(
      h(
        'section',
        { class: 'group' },
        h(
          'h3',
          { class: 'group-title' },
          h('span', { class: 'group-name' }, title),
          section ? h('span', { class: `st-badge st-${section.status}` }, section.status) : null,
          h('span', { class: 'group-count' }, srOnly(', '), plural(ids.length, 'finding')),
        ),
        h('ul', { class: 'finding-list' }, rows),
      ),
    );
  }
  const hidden = report.findings.length - limit;
  if (hidden > 0) {
    const more = Math.min(hidden, LIST_STEP);
    out.push(
      h(
        'button',
        {
          type: 'button',
          class: 'show-all',
          dataset: { testid: 'show-more' },
          onclick: () => {
            renderFindings(container, report, actions, limit + more);
            container.querySelectorAll('[data-testid=finding]')[limit]?.focus(); // the first one just listed
          },
        },
        hidden === more ? `Show all ${count(report.findings.length)} findings` : `Show ${count(more)} more (${count(hidden)} not listed)`,
      ),
    );
  }
  container.replaceChildren(...out);
}

const count = (n) => n.toLocaleString('en-US');

function findingRow(f, i, actions) {
  const where = f.rule === 'missing-section' ? `belongs at line ${f.line}` : `line ${f.line}, column ${f.column}`;
  const main = h(
    'button',
    {
      type: 'button',
      class: `finding sev-${f.severity}`,
      dataset: { testid: 'finding', rule: f.rule, index: i },
      'aria-describedby': `help-${i}`,
      onclick: () => actions.onSelect(i),
    },
    h('span', { class: 'sev-icon', 'aria-hidden': 'true' }, SEVERITY_ICON[f.severity]),
    srOnly(`${SEVERITY_LABEL[f.severity]}: `),
    h('span', { class: 'msg' }, f.message),
    h('span', { class: 'meta' }, h('span', { class: 'rule' }, f.rule), ' · ', h('span', { class: 'loc' }, where)),
  );
  const label = fixLabel(f);
  const fix = label
    ? h('button', { type: 'button', class: 'fix-btn', onclick: () => actions.onFix(i), 'aria-label': `${label}: ${f.message}` }, label)
    : null;
  return h('li', { class: 'finding-row', dataset: { index: i } }, main, fix, h('p', { class: 'help', id: `help-${i}` }, f.help));
}

function normalize(s) {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}
