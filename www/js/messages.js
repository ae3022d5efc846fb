// What the page says besides the report: notices (kept until dismissed or cleared: the
// checker failing, a value the browser would not store), the toast (one short message at a
// time, with Undo after a change), and the tooltip of the finding under the pointer. Built
// with h(): messages quote file names and report text, which stay text.
import { h } from './dom.js';
import { SEVERITY_LABEL } from './panels.js';

/** Notices in `container`, one per id: showing an id again replaces its text. */
export class Notices {
  constructor(container) {
    this.container = container;
  }

  /** `kind`: 'info' | 'warning' | 'error'; `action`: {label, run} for a button, or null. */
  show(id, text, kind = 'info', action = null) {
    const body = [
      h('span', { class: 'notice-text' }, text),
      action ? h('button', { type: 'button', onclick: action.run }, action.label) : null,
      h('button', { type: 'button', class: 'dismiss', 'aria-label': 'Dismiss', onclick: () => this.dismiss(id) }, '×'),
    ].filter(Boolean);
    const el = this.#find(id);
    if (el) el.replaceChildren(...body);
    else this.container.append(h('div', { class: `notice notice-${kind}`, dataset: { notice: id } }, body));
  }

  dismiss(id) {
    this.#find(id)?.remove();
  }

  #find(id) {
    return [...this.container.children].find((el) => el.dataset.notice === id);
  }
}

/** The toast in `el`: a message that hides itself after ten seconds. */
export class Toast {
  constructor(el) {
    this.el = el;
    this.timer = 0;
  }

  /** `undo`: what the toast's Undo button does, or null for no button. */
  show(message, undo = null) {
    clearTimeout(this.timer);
    this.el.replaceChildren(
      h('span', null, message),
      undo ? h('button', { type: 'button', onclick: () => (this.hide(), undo()) }, 'Undo') : '',
      h('button', { type: 'button', class: 'dismiss', 'aria-label': 'Dismiss', onclick: () => this.hide() }, '×'),
    );
    this.el.hidden = false;
    this.timer = setTimeout(() => this.hide(), 10_000);
  }

  hide() {
    this.el.hidden = true;
  }
}

/** The tooltip in `el`: a finding's severity, message, help and rule, next to the pointer. */
export class FindingTooltip {
  constructor(el) {
    this.el = el;
  }

  /** Shows `finding` near the viewport point (x, y), inside the window. */
  show(finding, x, y) {
    const el = this.el;
    el.replaceChildren(
      h('strong', { class: `sev-tag sev-${finding.severity}` }, SEVERITY_LABEL[finding.severity]),
      ' ',
      h('span', null, finding.message),
      h('span', { class: 'tip-help' }, finding.help),
      h('span', { class: 'tip-rule' }, finding.rule),
    );
    el.hidden = false;
    const left = Math.min(x + 14, window.innerWidth - el.offsetWidth - 8);
    const below = y + 20 + el.offsetHeight < window.innerHeight;
    el.style.left = `${Math.max(8, left)}px`;
    el.style.top = `${below ? y + 20 : y - el.offsetHeight - 12}px`;
  }

  hide() {
    this.el.hidden = true;
  }
}
