// Exports of a report: Markdown (for a pull request or a chat) and JSON (the report as the
// package returns it, for tools).

const STATUS_MARK = { complete: '[x]', incomplete: '[~]', placeholder: '[ ]', empty: '[ ]', missing: '[ ]' };

/** Markdown that reads well pasted into an issue or a review. */
export function reportToMarkdown(report, { documentName = 'document' } = {}) {
  const lines = [];
  const t = report.template;
  lines.push(`# speclint report: ${inline(documentName)}`, '');
  lines.push(`- **Score**: ${report.score === null ? 'n/a (no template fits)' : `${report.score}/100`}`);
  lines.push(`- **Template**: ${inline(t.title)}${t.id ? ` (\`${t.id}\`, ${Math.round(t.confidence * 100)}% match)` : ''}`);
  const { errors, warnings, infos } = report.summary;
  lines.push(`- **Findings**: ${errors} errors, ${warnings} warnings, ${infos} notes`, '');
  if (report.sections.length) {
    lines.push('## Sections', '');
    for (const s of report.sections) {
      const indent = '  '.repeat(Math.max(0, s.path.length - 1));
      const points = s.maxPoints > 0 ? ` — ${s.points}/${s.maxPoints}` : '';
      lines.push(`${indent}- ${STATUS_MARK[s.status]} ${inline(s.title)} — ${s.status}${s.optional ? ' (optional)' : ''}${points}`);
    }
    lines.push('');
  }
  if (report.findings.length) {
    lines.push('## Findings', '');
    let current;
    for (const f of report.findings) {
      const group = f.sectionTitle ?? 'Whole document';
      if (group !== current) {
        if (current !== undefined) lines.push('');
        lines.push(`### ${inline(group)}`, '');
        current = group;
      }
      lines.push(`- **${f.severity}** \`${f.rule}\` (line ${f.line}:${f.column}): ${inline(f.message)}  `);
      lines.push(`  ${inline(f.help)}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** One line, with Markdown that would change the meaning escaped. */
function inline(text) {
  return String(text)
    .replace(/\s+/g, ' ')
    .replace(/([\\`*_[\]<>#|])/g, '\\$1');
}

/** Saves text as a file through a temporary object URL (no request leaves the page). */
export function download(filename, text, type = 'application/json') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
