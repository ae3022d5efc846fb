// The CLI's four output formats. Each takes the checked files — `{ file, report, failed,
// underMinScore }` — and returns the text for stdout.
//
// text    `file:line:col  severity  rule  message`, a score line per file, a summary line
// json    an array of `{ file, ...Report }` (the JS API's Report shape)
// sarif   SARIF 2.1.0, one run; columns are UTF-16 code units (`columnKind`)
// github  GitHub Actions workflow commands (`::error file=…,line=…::message`)

const LEVEL = { error: 'error', warning: 'warning', info: 'note' };

export function json(results) {
  return `${JSON.stringify(results.map(({ file, report }) => ({ file, ...report })), null, 2)}\n`;
}

export function text(results, { color, quiet, minScore }) {
  const paint = (code) => (s) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const red = paint('31');
  const yellow = paint('33');
  const blue = paint('34');
  const green = paint('32');
  const dim = paint('2');
  const bold = paint('1');
  const severityColor = { error: red, warning: yellow, info: blue };
  const lines = [];
  const total = { errors: 0, warnings: 0, infos: 0, failed: 0 };
  for (const r of results) {
    const { report } = r;
    total.errors += report.summary.errors;
    total.warnings += report.summary.warnings;
    total.infos += report.summary.infos;
    if (r.failed) total.failed++;
    const shown = quiet ? report.findings.filter((f) => f.severity === 'error') : report.findings;
    const ruleWidth = Math.max(0, ...shown.map((f) => f.rule.length));
    for (const f of shown) {
      const where = `${r.file}:${f.line}:${f.column}`;
      const severity = severityColor[f.severity](f.severity.padEnd(7));
      lines.push(`${where}  ${severity}  ${dim(f.rule.padEnd(ruleWidth))}  ${f.message}`);
    }
    if (quiet && !r.failed) continue;
    lines.push(scoreLine(r, { minScore, red, green, bold, dim }));
  }
  if (!quiet || total.failed > 0) {
    const n = results.length;
    const counts = `${plural(total.errors, 'error')}, ${plural(total.warnings, 'warning')}, ${plural(total.infos, 'info')}`;
    const passed = n - total.failed;
    const verdict = total.failed ? `${passed} passed, ${red(`${total.failed} failed`)}` : green(n === 1 ? 'passed' : 'all passed');
    lines.push('', `${plural(n, 'file')} checked: ${verdict} (${counts})`);
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

function scoreLine(r, { minScore, red, green, bold, dim }) {
  const { report } = r;
  const { summary } = report;
  const counts = dim(`${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${plural(summary.infos, 'info')}`);
  const mark = r.failed ? red('FAIL') : green('PASS');
  if (report.score === null) {
    const why = minScore !== null ? `, so it cannot meet --min-score ${minScore}` : '';
    return `${r.file}  ${mark}  not scored — ${report.template.title}${why}; choose one with --template  ${counts}`;
  }
  const done = report.sections.filter((s) => s.status === 'complete').length;
  const scored = report.sections.filter((s) => s.maxPoints > 0 || s.status === 'complete').length;
  const under = r.underMinScore ? red(` under --min-score ${minScore}`) : '';
  return `${r.file}  ${mark}  ${bold(`score ${report.score}/100`)}${under} against ${templateName(report.template)} (${done} of ${scored} sections complete)  ${counts}`;
}

/** A built-in's id, or a custom template's title in quotes. */
function templateName(template) {
  return template.id === 'custom' ? `"${template.title}"` : template.id;
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function github(results, { quiet, minScore }) {
  const out = [];
  const data = (s) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const prop = (s) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const kind = { error: 'error', warning: 'warning', info: 'notice' };
  for (const r of results) {
    const file = prop(r.file);
    for (const f of r.report.findings) {
      if (quiet && f.severity !== 'error') continue;
      const at = `file=${file},line=${f.line},col=${f.column},endLine=${f.endLine},endColumn=${f.endColumn}`;
      out.push(`::${kind[f.severity]} ${at},title=${prop(f.rule)}::${data(`${sentence(f.message)} ${f.help}`)}`);
    }
    const { score, template } = r.report;
    if (r.underMinScore) {
      const what = score === null ? `not scored (${template.title})` : `score ${score}/100`;
      out.push(`::error file=${file},title=speclint min-score::${data(`${what}, under --min-score ${minScore}`)}`);
    } else if (!quiet) {
      const what = score === null ? `not scored: ${template.title}` : `score ${score}/100 against ${templateName(template)}`;
      out.push(`::notice file=${file},title=speclint score::${data(what)}`);
    }
  }
  return out.length ? `${out.join('\n')}\n` : '';
}

/** SARIF 2.1.0: rules from the rule registry, one result per finding, fixes where known. */
export function sarif(results, { rules, version }) {
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const uri = (file) => file.split('/').map(encodeURIComponent).join('/');
  const region = (s) => ({ startLine: s.line, startColumn: s.column, endLine: s.endLine, endColumn: s.endColumn });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'speclint',
            version,
            semanticVersion: version,
            informationUri: 'https://github.com/speclint/speclint',
            rules: rules.map((r) => ({
              id: r.id,
              name: r.id.replace(/-(\w)/g, (_, c) => c.toUpperCase()).replace(/^\w/, (c) => c.toUpperCase()),
              shortDescription: { text: r.summary },
              fullDescription: { text: r.summary },
              help: { text: r.summary },
              defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
              properties: { tags: ['documentation', 'spec'] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: results.flatMap(({ file, report }) =>
          report.findings.map((f) => {
            const result = {
              ruleId: f.rule,
              ruleIndex: ruleIndex.get(f.rule),
              level: LEVEL[f.severity],
              message: { text: `${sentence(f.message)} ${f.help}` },
              locations: [{ physicalLocation: { artifactLocation: { uri: uri(file) }, region: region(f) } }],
            };
            if (f.fix) {
              result.fixes = [
                {
                  description: { text: fixDescription(f.fix) },
                  artifactChanges: [
                    {
                      artifactLocation: { uri: uri(file) },
                      replacements: [{ deletedRegion: region(f.fix.range), insertedContent: { text: f.fix.text } }],
                    },
                  ],
                },
              ];
            }
            return result;
          }),
        ),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function fixDescription(fix) {
  if (fix.text === '') return 'Delete it';
  return fix.range.start === fix.range.end ? 'Insert the suggested text' : 'Replace it with the suggested text';
}

/** A message as a sentence, so help can follow it. */
function sentence(message) {
  return /[.!?:]$/.test(message) ? message : `${message}.`;
}
