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

// ---- long texts ----------------------------------------------------------------------------
// One localStorage.setItem of a megabyte blocks the page for 10–60 ms (measured in Chromium on
// a busy machine), so a long draft saved after a pause in typing would stall the next
// keystroke. A text longer than PART is stored in parts of PART UTF-16 code units, one part per
// task, into whichever of two slots ("a", "b") the stored manifest does not name; the manifest
// (`<key>:parts`, `{"slot","count","length"}`) is written last, so a save cut short leaves the
// previous text whole. A short text keeps the single `<key>` entry.

export const PART = 128 * 1024;

function manifest(s, key) {
  try {
    const m = JSON.parse(s.getItem(`${key}:parts`) ?? 'null');
    return m && (m.slot === 'a' || m.slot === 'b') && Number.isInteger(m.count) && Number.isInteger(m.length) ? m : null;
  } catch {
    return null;
  }
}

/** The text stored by `saveText` (or `save`), or null when absent or unreadable. */
export function loadText(key) {
  const s = storage();
  if (!s) return null;
  try {
    const m = manifest(s, key);
    if (m) {
      const parts = [];
      for (let i = 0; i < m.count; i++) parts.push(s.getItem(`${key}:${m.slot}${i}`) ?? '');
      const text = parts.join('');
      if (text.length === m.length) return text;
    }
    return s.getItem(key);
  } catch {
    return null;
  }
}

/** Removes the parts of `slot` from the `from`th on. */
function dropParts(s, key, slot, from = 0) {
  for (let i = from; s.getItem(`${key}:${slot}${i}`) !== null; i++) s.removeItem(`${key}:${slot}${i}`);
}

/** Removes the manifest and both slots' parts: what a long text left. */
function dropLong(s, key) {
  s.removeItem(`${key}:parts`);
  dropParts(s, key, 'a');
  dropParts(s, key, 'b');
}

let generation = 0;

/**
 * Stores `text` under `key`; resolves to null, or to a sentence saying why it was not kept
 * (as `save`). A long text is written a part per task unless `now` (page hide: no time for
 * more tasks). A later call supersedes one still writing: that one stops, resolves to
 * undefined (nothing to report) and leaves the stored text as it was.
 */
export async function saveText(key, text, { now = false } = {}) {
  const mine = ++generation;
  const s = storage();
  if (!s) return 'This browser does not allow the page to store anything';
  try {
    if (text.length <= PART) {
      s.setItem(key, text);
      if (s.getItem(`${key}:parts`) !== null) dropLong(s, key);
      return null;
    }
    const old = manifest(s, key);
    const slot = old?.slot === 'a' ? 'b' : 'a';
    const count = Math.ceil(text.length / PART);
    const write = (into, i) => s.setItem(`${key}:${into}${i}`, text.slice(i * PART, (i + 1) * PART));
    try {
      for (let i = 0; i < count; i++) {
        if (!now && i > 0) {
          await new Promise((ok) => setTimeout(ok, 0));
          if (mine !== generation) return undefined;
        }
        write(slot, i);
      }
    } catch (e) {
      if (!isQuotaError(e)) throw e;
      // No room for a second copy. The stored text is never given up for one that may not fit:
      // only a text no longer than the stored one replaces it in place (at once, so no task
      // sees it half written); a longer one is reported, and the stored text stays whole.
      dropParts(s, key, slot);
      if (!old || text.length > old.length) throw e;
      for (let i = 0; i < count; i++) write(old.slot, i);
      finishParts(s, key, old.slot, count, text.length);
      return null;
    }
    finishParts(s, key, slot, count, text.length);
    if (old) dropParts(s, key, old.slot);
    s.removeItem(key);
    return null;
  } catch (e) {
    if (isQuotaError(e)) return 'Browser storage is full';
    return `Browser storage refused it (${e && e.name ? e.name : 'error'})`;
  }
}

/** Points the manifest at the `count` parts written to `slot`, and drops that slot's parts
 * beyond them, left by a longer text. */
function finishParts(s, key, slot, count, length) {
  s.setItem(`${key}:parts`, JSON.stringify({ slot, count, length }));
  dropParts(s, key, slot, count);
}

/** Removes what `saveText` stored under `key`. */
export function removeText(key) {
  const s = storage();
  if (!s) return;
  try {
    dropLong(s, key);
    s.removeItem(key);
  } catch {
    /* nothing to do */
  }
}
