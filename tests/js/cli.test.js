// The `speclint` CLI (npm/cli.js), run as a process from tests/js/fixtures/cli: each format,
// exit codes, stdin, globs and directories, color, and usage and I/O errors.
//
// Fixtures: template.md (a custom template); docs/done.md passes with 100; docs/draft.md has
// errors; docs/sub/deep.md has only a warning; docs/.drafts/old.md is in a dot-directory and
// docs/notes.txt is not Markdown, so neither is ever picked up by a directory or glob.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { rules } from '../../npm/node.js';

const CLI = fileURLToPath(new URL('../../npm/cli.js', import.meta.url));
const CWD = fileURLToPath(new URL('./fixtures/cli/', import.meta.url));
const ENV = { ...process.env, NO_COLOR: '', FORCE_COLOR: '' };
delete ENV.NO_COLOR;
delete ENV.FORCE_COLOR;

function run(args, { input, env } = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: CWD, input, encoding: 'utf8', env: { ...ENV, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const T = ['--template', 'template.md'];
const FINDING_LINE = /^(\S+):(\d+):(\d+) {2}(error|warning|info) +(\S+) +(.+)$/;

describe('text format', () => {
  test('findings as file:line:col  severity  rule  message, a score line per file, a summary', () => {
    const r = run([...T, 'docs/draft.md', 'docs/done.md']);
    assert.equal(r.code, 1, 'draft.md has error findings');
    assert.equal(r.stderr, '');
    const lines = r.stdout.trimEnd().split('\n');
    const findings = lines.filter((l) => FINDING_LINE.test(l)).map((l) => l.match(FINDING_LINE).slice(1, 6).join(' '));
    assert.deepEqual(findings, [
      'docs/draft.md 3 1 error placeholder-section',
      'docs/draft.md 4 4 error unfilled-placeholder',
      'docs/draft.md 4 28 warning todo-marker',
      'docs/draft.md 6 1 error placeholder-section',
      'docs/draft.md 7 1 warning guidance-comment',
    ]);
    assert.ok(lines.includes('docs/draft.md  FAIL  score 5/100 against "Service Spec" (1 of 3 sections complete)  3 errors, 2 warnings, 0 infos'));
    assert.ok(lines.includes('docs/done.md  PASS  score 100/100 against "Service Spec" (3 of 3 sections complete)  0 errors, 0 warnings, 0 infos'));
    assert.equal(lines.at(-1), '2 files checked: 1 passed, 1 failed (3 errors, 2 warnings, 0 infos)');
    assert.doesNotMatch(r.stdout, /\u001b\[/, 'no color when stdout is not a terminal');
  });

  test('columns count UTF-16 code units (the 😀 before the placeholder is two)', () => {
    const r = run([...T, 'docs/draft.md']);
    const line = r.stdout.split('\n').find((l) => l.includes('unfilled-placeholder'));
    assert.match(line, /^docs\/draft\.md:4:4 /);
  });

  test('a file no template fits is reported as not scored, and passes unless --min-score is given', () => {
    const r = run(['docs/done.md']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^docs\/done\.md {2}PASS {2}not scored — No template fits this document \(closest: .*\); choose one with --template/m);
    const strict = run(['--min-score', '10', 'docs/done.md']);
    assert.equal(strict.code, 1);
    assert.match(strict.stdout, /FAIL {2}not scored — .*, so it cannot meet --min-score 10/);
  });

  test('--quiet shows only error findings and failing files', () => {
    const r = run([...T, '-q', 'docs']);
    assert.equal(r.code, 1);
    assert.doesNotMatch(r.stdout, /^\S+:\d+:\d+ {2}warning|done\.md|deep\.md/m);
    assert.match(r.stdout, /docs\/draft\.md {2}FAIL/);
    assert.equal(run([...T, '-q', 'docs/done.md']).stdout, '', 'nothing to say when everything passes');
  });

  test('color on a terminal, not with NO_COLOR; FORCE_COLOR forces it', { skip: !existsSync('/usr/bin/script') && 'needs script(1) for a pty' }, () => {
    const cmd = `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} --template template.md docs/sub/deep.md`;
    const tty = (env) => execFileSync('script', ['-qec', cmd, '/dev/null'], { cwd: CWD, encoding: 'utf8', env: { ...ENV, ...env } });
    assert.match(tty({}), /\u001b\[33mwarning\u001b\[0m/);
    assert.doesNotMatch(tty({ NO_COLOR: '1' }), /\u001b\[/);
    assert.match(run([...T, 'docs/sub/deep.md'], { env: { FORCE_COLOR: '1' } }).stdout, /\u001b\[32mPASS/);
  });
});

describe('exit codes and --min-score', () => {
  test('0 when every file passes, warnings included', () => {
    assert.equal(run([...T, 'docs/done.md', 'docs/sub/deep.md']).code, 0);
  });

  test('1 for a file under --min-score, 0 at or above it', () => {
    const under = run([...T, '--min-score', '80', 'docs/sub/deep.md']);
    assert.equal(under.code, 1);
    assert.match(under.stdout, /score 75\/100 under --min-score 80/);
    assert.equal(run([...T, '--min-score', '75', 'docs/sub/deep.md']).code, 0);
  });

  test('2 for usage errors: one line on stderr, nothing on stdout', () => {
    for (const [args, message] of [
      [['--bogus', 'docs/done.md'], /^speclint: Unknown option '--bogus'$/],
      [['--format', 'xml', 'docs/done.md'], /^speclint: --format must be one of text, json, sarif, github \(got "xml"\)$/],
      [['--min-score', '101', 'docs/done.md'], /^speclint: --min-score must be a whole number from 0 to 100/],
      [['--min-score', 'high', 'docs/done.md'], /^speclint: --min-score must be a whole number/],
      [['--rule', 'todo-marker', 'docs/done.md'], /^speclint: --rule takes <rule-id>=off\|error\|warning\|info/],
      [['--rule', 'nope=off', 'docs/done.md'], /^speclint: --rule: unknown rule "nope"/],
      [['--template', 'nope', 'docs/done.md'], /^speclint: --template "nope" is neither a built-in template \(auto, tech-spec, spec-md\) nor a readable file/],
      [['--template', 'docs/notes.txt', 'docs/done.md'], /^speclint: --template docs\/notes\.txt: the template has no headings/],
      [[], /^speclint: no input: give files, directories, globs, or - for standard input/],
    ]) {
      const r = run(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.stdout, '', args.join(' '));
      assert.match(r.stderr.trimEnd(), message);
      assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
    }
  });

  test('2 for an unreadable input; the other files are still checked', () => {
    const r = run([...T, 'missing.md', 'docs/done.md', 'nothing/*.md']);
    assert.equal(r.code, 2);
    assert.deepEqual(r.stderr.trimEnd().split('\n'), ['speclint: cannot read missing.md: no such file or directory', 'speclint: no files match nothing/*.md']);
    assert.match(r.stdout, /docs\/done\.md {2}PASS/);
  });

  test('2 for binary files, invalid UTF-8 and unreadable files; the others are still checked', (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'speclint-cli-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'image.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
    writeFileSync(join(dir, 'latin1.md'), Buffer.concat([Buffer.from('# Caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
    writeFileSync(join(dir, 'locked.md'), '# Spec\n');
    chmodSync(join(dir, 'locked.md'), 0o000);
    const locked = (() => {
      try {
        readFileSync(join(dir, 'locked.md'));
        return false; // root can read anything: skip that line
      } catch {
        return true;
      }
    })();
    const r = run([...T, join(dir, 'image.md'), join(dir, 'latin1.md'), join(dir, 'locked.md'), 'docs/done.md']);
    assert.equal(r.code, 2);
    const lines = r.stderr.trimEnd().split('\n');
    assert.match(lines[0], /^speclint: cannot read .*image\.md: binary file, not Markdown$/);
    assert.match(lines[1], /^speclint: cannot read .*latin1\.md: not valid UTF-8 \(first bad byte at offset 5\)$/);
    if (locked) assert.match(lines[2], /^speclint: cannot read .*locked\.md: permission denied$/);
    assert.match(r.stdout, /docs\/done\.md {2}PASS/);
  });

  test('2 for input over the size limit, reported per file', () => {
    const big = `# Service Spec\n${'x'.repeat(17 * 1024 * 1024)}\n`;
    const r = run([...T, '-', 'docs/done.md'], { input: big });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^speclint: <stdin>: input is \d+ bytes, over the limit of 16777216 bytes/);
    assert.match(r.stdout, /docs\/done\.md {2}PASS/);
  });
});

describe('inputs', () => {
  const files = (r) => [...new Set(r.stdout.split('\n').filter((l) => / {2}(PASS|FAIL) {2}/.test(l)).map((l) => l.split('  ')[0]))];

  test('- reads standard input, named by --stdin-name', () => {
    const md = readFileSync(new URL('./fixtures/cli/docs/draft.md', import.meta.url), 'utf8');
    const r = run([...T, '-'], { input: md });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^<stdin>:4:4 {2}error/m);
    const named = run([...T, '--stdin-name', 'spec/draft.md', '-f', 'github', '-'], { input: md });
    assert.match(named.stdout, /^::error file=spec\/draft\.md,line=4,col=4,/m);
  });

  test('a directory means its Markdown files, skipping dot-directories', () => {
    assert.deepEqual(files(run([...T, 'docs'])), ['docs/done.md', 'docs/draft.md', 'docs/sub/deep.md']);
  });

  test('globs: *, **, ?, [], {}, in argument order, without duplicates', () => {
    assert.deepEqual(files(run([...T, 'docs/*.md'])), ['docs/done.md', 'docs/draft.md']);
    assert.deepEqual(files(run([...T, 'docs/**/*.md'])), ['docs/done.md', 'docs/draft.md', 'docs/sub/deep.md']);
    assert.deepEqual(files(run([...T, './docs/**/d?ep.md'])), ['docs/sub/deep.md']);
    assert.deepEqual(files(run([...T, 'docs/d[or]*.md'])), ['docs/done.md', 'docs/draft.md']);
    assert.deepEqual(files(run([...T, 'docs/{draft,sub/deep}.md'])), ['docs/draft.md', 'docs/sub/deep.md']);
    assert.deepEqual(files(run([...T, 'docs/sub/deep.md', 'docs/**/*.md'])), ['docs/sub/deep.md', 'docs/done.md', 'docs/draft.md']);
  });
});

describe('json format', () => {
  test('an array of { file, ...Report }', () => {
    const r = run([...T, '-f', 'json', 'docs/draft.md', 'docs/done.md']);
    assert.equal(r.code, 1);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(
      out.map((o) => [o.file, o.score, o.template.id]),
      [
        ['docs/draft.md', 5, 'custom'],
        ['docs/done.md', 100, 'custom'],
      ],
    );
    assert.deepEqual(Object.keys(out[0]), ['file', 'score', 'template', 'sections', 'findings', 'summary']);
    const f = out[0].findings.find((x) => x.rule === 'unfilled-placeholder');
    const md = readFileSync(new URL('./fixtures/cli/docs/draft.md', import.meta.url), 'utf8');
    assert.equal(md.slice(f.start, f.end), '[One-paragraph summary]');
    assert.equal(out[0].sections[1].status, 'placeholder');
  });

  test('a file no template fits has score null', () => {
    const [o] = JSON.parse(run(['-f', 'json', 'docs/done.md']).stdout);
    assert.equal(o.score, null);
    assert.equal(o.template.id, null);
  });
});

describe('sarif format', () => {
  const r = run([...T, '-f', 'sarif', 'docs/draft.md', 'docs/done.md']);
  const log = JSON.parse(r.stdout);

  test('SARIF 2.1.0: rules with descriptions, results with regions', () => {
    assert.equal(r.code, 1);
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-2\.1\.0/);
    const [run0] = log.runs;
    assert.equal(run0.columnKind, 'utf16CodeUnits');
    const { driver } = run0.tool;
    assert.equal(driver.name, 'speclint');
    assert.deepEqual(
      driver.rules.map((x) => x.id),
      rules().map((x) => x.id),
    );
    for (const rule of driver.rules) {
      assert.ok(rule.shortDescription.text.length > 10);
      assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
    }
    assert.equal(run0.results.length, 5);
    const placeholder = run0.results.find((x) => x.ruleId === 'unfilled-placeholder');
    assert.equal(placeholder.level, 'error');
    assert.equal(driver.rules[placeholder.ruleIndex].id, 'unfilled-placeholder');
    assert.match(placeholder.message.text, /^Placeholder \[One-paragraph summary\] is not filled in\. /);
    assert.deepEqual(placeholder.locations[0].physicalLocation, {
      artifactLocation: { uri: 'docs/draft.md' },
      region: { startLine: 4, startColumn: 4, endLine: 4, endColumn: 27 },
    });
    const todo = run0.results.find((x) => x.ruleId === 'todo-marker');
    assert.equal(todo.level, 'warning');
    const guidance = run0.results.find((x) => x.ruleId === 'guidance-comment');
    assert.equal(guidance.fixes[0].artifactChanges[0].replacements[0].insertedContent.text, '');
  });

  // The official validator (npm @microsoft/sarif-multitool-linux, an optional dev dependency),
  // with GitHub code scanning's rules (Ghas) on: no errors or warnings.
  const multitool = fileURLToPath(new URL('../../node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool', import.meta.url));
  test('passes the SARIF Multitool validator, GitHub code scanning rules included', { skip: !existsSync(multitool) && 'SARIF Multitool not installed' }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'speclint-sarif-'));
    const input = join(dir, 'speclint.sarif');
    const output = join(dir, 'validation.sarif');
    writeFileSync(input, r.stdout);
    chmodSync(multitool, 0o755); // npm may skip the package's postinstall that does this
    execFileSync(multitool, ['validate', '--rule-kind', 'Sarif;Ghas', '--level', 'Error;Warning', '-o', output, input], {
      env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
      encoding: 'utf8',
    });
    const findings = JSON.parse(readFileSync(output, 'utf8')).runs[0].results;
    assert.deepEqual(
      findings.map((x) => `${x.ruleId}: ${JSON.stringify(x.message)}`),
      [],
    );
  });
});

describe('github format', () => {
  test('workflow commands with file, line, col, endLine, endColumn and title', () => {
    const r = run([...T, '-f', 'github', 'docs/draft.md', 'docs/done.md']);
    assert.equal(r.code, 1);
    const lines = r.stdout.trimEnd().split('\n');
    assert.ok(
      lines.includes(
        '::error file=docs/draft.md,line=4,col=4,endLine=4,endColumn=27,title=unfilled-placeholder::Placeholder [One-paragraph summary] is not filled in. Replace it with the real value, or remove the line if it does not apply.',
      ),
      lines.join('\n'),
    );
    assert.ok(lines.some((l) => l.startsWith('::warning file=docs/draft.md,line=4,col=28,endLine=4,endColumn=32,title=todo-marker::')));
    assert.ok(lines.includes('::notice file=docs/done.md,title=speclint score::score 100/100 against "Service Spec"'));
    for (const l of lines) assert.match(l, /^::(error|warning|notice) file=[^,:]+(,line=\d+,col=\d+,endLine=\d+,endColumn=\d+)?,title=[^:,]+::.+$/);
  });

  test('--min-score failures are annotated; messages are escaped', () => {
    const r = run(['-f', 'github', '--min-score', '50', 'docs/done.md']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^::error file=docs\/done\.md,title=speclint min-score::not scored \(No template fits this document \(closest: [a-z-]+, \d+%25 of its sections\)\), under --min-score 50$/m);
  });
});

describe('--rule, --template, --help, --version', () => {
  test('--rule changes severities and turns rules off', () => {
    const r = run([...T, '-r', 'placeholder-section=off', '-r', 'unfilled-placeholder=warning', '--rule', 'todo-marker=off', 'docs/draft.md']);
    assert.equal(r.code, 0);
    assert.doesNotMatch(r.stdout, /todo-marker|placeholder-section/);
    assert.match(r.stdout, /docs\/draft\.md:4:4 {2}warning +unfilled-placeholder/);
  });

  test('--template takes a built-in id', () => {
    const [o] = JSON.parse(run(['-t', 'spec-md', '-f', 'json', 'docs/done.md']).stdout);
    assert.equal(o.template.id, 'spec-md');
    assert.equal(typeof o.score, 'number');
  });

  test('--help and --version', () => {
    const help = run(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: speclint \[options\] <file\|dir\|glob\|->\.\.\./);
    assert.match(help.stdout, /a built-in id \(tech-spec, spec-md\)/);
    const pkg = JSON.parse(readFileSync(new URL('../../npm/package.json', import.meta.url), 'utf8'));
    const cargo = readFileSync(new URL('../../Cargo.toml', import.meta.url), 'utf8').match(/^version = "(.+)"$/m)[1];
    assert.equal(run(['--version']).stdout, `${pkg.version}\n`);
    assert.equal(pkg.version, cargo, 'the npm package and the crate share a version');
  });
});
