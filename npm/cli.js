#!/usr/bin/env node
// The `speclint` command: checks Markdown files against their template, for people and for CI.
// Exit codes: 0 every file passed; 1 a file has error findings or is under --min-score; 2 a
// usage or I/O error (one line on stderr each; files that could be read are still checked).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { check, compileTemplate, rules, templates } from './node.js';
import { expandInputs } from './cli/files.js';
import * as formats from './cli/formats.js';

const HELP = `Usage: speclint [options] <file|dir|glob|->...

Checks Markdown specs against their template: missing, empty and placeholder sections,
unfilled [Name] tokens, leftover guidance, TODOs. Scores each file 0-100.

Arguments:
  file           a Markdown file
  dir            every Markdown file under it (*.md, *.markdown)
  glob           a quoted pattern: *, ?, [abc], {a,b}, ** (e.g. "docs/**/*.md")
  -              standard input

Options:
  -t, --template <id|path>   template to check against: auto (default: the best-fitting
                             built-in), a built-in id (%IDS%), or a template Markdown file
  -f, --format <format>      text (default), json, sarif, or github (workflow annotations)
      --min-score <n>        fail a file scoring under n (0-100), or that no template fits
  -r, --rule <id>=<setting>  set a rule to off, error, warning or info (repeatable)
      --stdin-name <name>    file name to report for standard input (default <stdin>)
  -q, --quiet                text and github: only error findings and failing files
  -h, --help                 show this help
  -v, --version              show the version

Exit status: 0 all files passed, 1 a file has error findings or is under --min-score,
2 usage or I/O error. Color only on a terminal; NO_COLOR turns it off, FORCE_COLOR on.`;

const FORMATS = ['text', 'json', 'sarif', 'github'];

class UsageError extends Error {}

function main(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        template: { type: 'string', short: 't', default: 'auto' },
        format: { type: 'string', short: 'f', default: 'text' },
        'min-score': { type: 'string' },
        rule: { type: 'string', short: 'r', multiple: true, default: [] },
        'stdin-name': { type: 'string', default: '<stdin>' },
        quiet: { type: 'boolean', short: 'q', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (e) {
    throw new UsageError(e.message.replace(/\. To specify a positional argument.*$/s, ''));
  }
  const { values: o, positionals } = parsed;
  if (o.help) {
    process.stdout.write(`${HELP.replace('%IDS%', templates().map((t) => t.id).join(', '))}\n`);
    return 0;
  }
  if (o.version) {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  if (!FORMATS.includes(o.format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got "${o.format}")`);
  let minScore = null;
  if (o['min-score'] !== undefined) {
    minScore = Number(o['min-score']);
    if (!/^\d+$/.test(o['min-score']) || minScore > 100) throw new UsageError(`--min-score must be a whole number from 0 to 100 (got "${o['min-score']}")`);
  }
  const ruleSettings = parseRules(o.rule);
  if (positionals.length === 0) throw new UsageError('no input: give files, directories, globs, or - for standard input (see --help)');
  const template = resolveTemplate(o.template);
  const options = { template, rules: ruleSettings };
  try {
    check('', options); // an unknown --rule id is a usage error: report it before any output
  } catch (e) {
    throw new UsageError(`--rule: ${e.message}`);
  }

  const { inputs, errors } = expandInputs(positionals);
  let ioError = errors.length > 0;
  errors.forEach((e) => warn(e));
  const results = [];
  for (const input of inputs) {
    const file = input.stdin ? o['stdin-name'] : input.file;
    let markdown;
    try {
      markdown = decodeMarkdown(readFileSync(input.stdin ? 0 : input.file));
    } catch (e) {
      warn(`cannot read ${file}: ${readError(e)}`);
      ioError = true;
      continue;
    }
    if (markdown.charCodeAt(0) === 0xfeff) markdown = markdown.slice(1);
    let report;
    try {
      report = check(markdown, options);
    } catch (e) {
      warn(`${file}: ${e.message}`);
      ioError = true;
      continue;
    }
    const underMinScore = minScore !== null && (report.score === null || report.score < minScore);
    results.push({ file, report, underMinScore, failed: report.summary.errors > 0 || underMinScore });
  }

  const color = useColor();
  const out = {
    text: () => formats.text(results, { color, quiet: o.quiet, minScore }),
    json: () => formats.json(results),
    sarif: () => formats.sarif(results, { rules: rules(), version: version() }),
    github: () => formats.github(results, { quiet: o.quiet, minScore }),
  }[o.format]();
  process.stdout.write(out);
  if (ioError) return 2;
  return results.some((r) => r.failed) ? 1 : 0;
}

function resolveTemplate(value) {
  if (value === 'auto' || templates().some((t) => t.id === value)) return value;
  let source;
  try {
    source = decodeMarkdown(readFileSync(value));
  } catch (e) {
    const ids = ['auto', ...templates().map((t) => t.id)].join(', ');
    const why = readError(e);
    throw new UsageError(`--template "${value}" is neither a built-in template (${ids}) nor a readable file: ${why}`);
  }
  try {
    return compileTemplate(source.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new UsageError(`--template ${value}: ${e.message}`);
  }
}

function parseRules(list) {
  const out = {};
  for (const item of list) {
    const m = /^([\w-]+)=(off|error|warning|info)$/.exec(item);
    if (!m) throw new UsageError(`--rule takes <rule-id>=off|error|warning|info (got "${item}")`);
    out[m[1]] = m[2];
  }
  return out;
}

function useColor() {
  const env = process.env;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return Boolean(process.stdout.isTTY) && env.TERM !== 'dumb';
}

function version() {
  return JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')).version;
}

function warn(message) {
  process.stderr.write(`speclint: ${message}\n`);
}

let code;
try {
  code = main(process.argv.slice(2));
} catch (e) {
  warn(e instanceof UsageError ? e.message : `unexpected error: ${e?.stack ?? e}`);
  code = 2;
}
process.exitCode = code;

/** Markdown from raw bytes: a binary file or invalid UTF-8 is an input error, never checked as text. */
function decodeMarkdown(bytes) {
  if (bytes.subarray(0, 8192).includes(0)) throw Object.assign(new Error('binary file, not Markdown'), { code: 'EBINARY' });
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw Object.assign(new Error(`not valid UTF-8 (first bad byte at offset ${firstInvalidUtf8(bytes)})`), { code: 'EUTF8' });
  }
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
function firstInvalidUtf8(b) {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (i + k >= b.length || (b[i + k] & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return i;
}

function readError(e) {
  switch (e.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return e.message;
  }
}
