// Building DOM from data without ever parsing HTML: every string becomes a text node or an
// attribute value. No innerHTML/outerHTML/insertAdjacentHTML anywhere in www/ (the page tests
// grep for them), so user text (document, template, messages quoting either) stays text.

/**
 * h('button', { class: 'x', dataset: { rule: 'r' }, onclick: fn }, 'label', child)
 * Attribute values are set with setAttribute (never parsed as markup); `on*` keys must be
 * functions and become listeners.
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  if (props) {
    for (const [key, value] of Object.entries(props)) {
      if (value == null || value === false) continue;
      if (key.startsWith('on')) {
        if (typeof value !== 'function') throw new TypeError(`${key} must be a function`);
        el.addEventListener(key.slice(2), value);
      } else if (key === 'class') {
        el.className = value;
      } else if (key === 'dataset') {
        for (const [k, v] of Object.entries(value)) if (v != null) el.dataset[k] = String(v);
      } else if (key === 'text') {
        el.textContent = value;
      } else {
        el.setAttribute(key, value === true ? '' : String(value));
      }
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child == null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

/** A span only screen readers read. */
export const srOnly = (text) => h('span', { class: 'sr-only' }, text);

export const $ = (sel, root = document) => root.querySelector(sel);

/** Formats a byte count for people. */
export function formatBytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10240 ? 1 : 0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
