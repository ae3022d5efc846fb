// localStorage with the failures made visible: a full quota or disabled storage returns an
// error the page shows as a warning, instead of silently losing the draft.

const PREFIX = 'speclint:';
export const KEYS = {
  draft: `${PREFIX}draft`,
  template: `${PREFIX}template`,
  customTemplate: `${PREFIX}custom-template`,
};

function storage() {
  try {
    return window.localStorage;
  } catch {
    return null; // blocked (e.g. third-party context, privacy settings)
  }
}

/** The stored string, or null when absent or storage is unavailable. */
export function load(key) {
  try {
    return storage()?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

/**
 * Stores a string. Returns null on success, or a sentence saying why it was not kept.
 */
export function save(key, value) {
  const s = storage();
  if (!s) return 'This browser does not allow the page to store anything';
  try {
    s.setItem(key, value);
    return null;
  } catch (e) {
    if (isQuotaError(e)) return 'Browser storage is full';
    return `Browser storage refused it (${e && e.name ? e.name : 'error'})`;
  }
}

export function remove(key) {
  try {
    storage()?.removeItem(key);
  } catch {
    /* nothing to do */
  }
}

function isQuotaError(e) {
  return e instanceof DOMException && (e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED' || e.code === 22);
}
