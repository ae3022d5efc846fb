// The CLI's inputs: files, directories (their Markdown files), globs and `-` (stdin), expanded
// in the order given, without duplicates. Globs are matched here so they work the same when
// the shell leaves them alone (quoted, in npm scripts, on Windows): `*`, `?`, `[abc]`, `{a,b}`
// and `**` (any depth). Like shells, wildcards do not match a leading dot; directory walks skip
// dot-directories and node_modules.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const MARKDOWN = /\.(md|markdown|mdown|mkd)$/i;
const SKIP_DIR = (name) => name.startsWith('.') || name === 'node_modules';

/**
 * @returns {{ inputs: { file: string, stdin?: true }[], errors: string[] }} `file` is the path as
 *   it will be shown (forward slashes); `errors` are one line each.
 */
export function expandInputs(args) {
  const inputs = [];
  const errors = [];
  const seen = new Set();
  const add = (file, extra) => {
    if (seen.has(file)) return;
    seen.add(file);
    inputs.push({ file, ...extra });
  };
  for (const arg of args) {
    if (arg === '-') {
      add('-', { stdin: true });
      continue;
    }
    const path = process.platform === 'win32' ? arg.replaceAll('\\', '/') : arg;
    const stat = statOrNull(path);
    if (stat?.isDirectory()) {
      const found = walk(path.replace(/\/+$/, '') || '/', Infinity).filter((f) => MARKDOWN.test(f));
      if (found.length === 0) errors.push(`no Markdown files in directory ${arg}`);
      found.sort().forEach((f) => add(f));
    } else if (stat) {
      add(path);
    } else if (/[*?[\]{}]/.test(path)) {
      const found = glob(path);
      if (found.length === 0) errors.push(`no files match ${arg}`);
      found.forEach((f) => add(f));
    } else {
      errors.push(`cannot read ${arg}: no such file or directory`);
    }
  }
  return { inputs, errors };
}

/** Files matching `pattern`, sorted. */
export function glob(pattern) {
  const clean = pattern.replace(/^(\.\/)+/, '');
  const segments = clean.split('/');
  const firstGlob = segments.findIndex((s) => /[*?[\]{}]/.test(s));
  const base = segments.slice(0, firstGlob).join('/');
  const rest = segments.slice(firstGlob);
  const depth = rest.includes('**') || rest.some((s) => s.includes('**')) ? Infinity : rest.length;
  const re = globToRegExp(clean);
  const root = base === '' && clean.startsWith('/') ? '/' : base;
  return walk(root || '.', depth)
    .map((f) => (root ? f : f.replace(/^\.\//, '')))
    .filter((f) => re.test(f))
    .sort();
}

/** Regular expression for a whole glob pattern (paths with forward slashes). */
export function globToRegExp(pattern) {
  let re = '';
  let braces = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    const segmentStart = i === 0 || pattern[i - 1] === '/';
    if (c === '*' && pattern[i + 1] === '*' && segmentStart && (i + 2 === pattern.length || pattern[i + 2] === '/')) {
      // `**/` is any number of directories; a trailing `**` is anything below.
      if (i + 2 === pattern.length) {
        re += '(?:[^/.][^/]*/)*[^/.][^/]*';
      } else {
        re += '(?:[^/.][^/]*/)*';
      }
      i += 2;
    } else if (c === '*') {
      re += (segmentStart ? '(?!\\.)' : '') + '[^/]*';
      while (pattern[i + 1] === '*') i++;
    } else if (c === '?') {
      re += (segmentStart ? '(?!\\.)' : '') + '[^/]';
    } else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end === -1) {
        re += '\\[';
        continue;
      }
      let body = pattern.slice(i + 1, end);
      const negate = body[0] === '!' || body[0] === '^';
      if (negate) body = body.slice(1);
      re += `[${negate ? '^/' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
      i = end;
    } else if (c === '{') {
      braces++;
      re += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      re += ')';
    } else if (c === ',' && braces > 0) {
      re += '|';
    } else {
      re += c.replace(/[.+^$()|\\{}]/g, '\\$&');
    }
  }
  return new RegExp(`^${re}$`);
}

/** Every file under `dir` down to `depth` levels, as `dir/relative/path`. */
function walk(dir, depth) {
  const out = [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const path = dir === '/' ? `/${e.name}` : `${dir}/${e.name}`;
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    if (e.isSymbolicLink()) {
      const s = statOrNull(path);
      isDir = !!s?.isDirectory();
      isFile = !!s?.isFile();
    }
    if (isFile) out.push(path);
    else if (isDir && depth > 1 && !SKIP_DIR(e.name)) out.push(...walk(path, depth - 1));
  }
  return out;
}

function statOrNull(path) {
  try {
    return statSync(join(path));
  } catch {
    return null;
  }
}
