// Report → editor diagnostics, for the two editors wikis embed most. Pure functions over the
// Report's plain data: no import of either editor, so the package stays free of them. The Report
// already carries both position systems the editors use (UTF-16 offsets for CodeMirror, 1-based
// lines and UTF-16 columns for Monaco), so nothing here converts positions; it only picks them.

/** Monaco's `MarkerSeverity` values (stable since Monaco 0.x: Hint 1, Info 2, Warning 4, Error 8). */
const MONACO_SEVERITY = Object.freeze({ Hint: 1, Info: 2, Warning: 4, Error: 8 });

const SOURCE = 'speclint';

/** What an editor shows: the problem, then what to do about it, on its own line. */
function text(finding) {
  return finding.help ? `${finding.message}\n${finding.help}` : finding.message;
}

function findingsOf(report, caller) {
  if (report === null || typeof report !== 'object' || !Array.isArray(report.findings)) {
    throw new TypeError(`${caller}: expected a speclint Report (the object check() returns)`);
  }
  return report.findings;
}

/**
 * `@codemirror/lint` diagnostics: `from`/`to` are the findings' UTF-16 offsets, which are
 * CodeMirror's document positions when the report was made from `view.state.doc.toString()`.
 * A finding with a fix gets an action ("Insert section", "Remove", "Replace") that applies it.
 */
export function toCodeMirrorDiagnostics(report, options = {}) {
  const findings = findingsOf(report, 'toCodeMirrorDiagnostics');
  const source = options.source ?? SOURCE;
  const withFixes = options.fixes ?? true;
  return findings.map((f) => {
    const diagnostic = { from: f.start, to: f.end, severity: f.severity, message: text(f), source };
    if (withFixes && f.fix) diagnostic.actions = [fixAction(f)];
    return diagnostic;
  });
}

function fixAction(finding) {
  const { range, text: insert } = finding.fix;
  const name = finding.rule === 'missing-section' ? 'Insert section' : insert === '' ? 'Remove' : range.start === range.end ? 'Insert' : 'Replace';
  // CodeMirror passes the diagnostic's range as mapped through later edits; the fix's range is
  // placed relative to it (for nearly every fix the two ranges are the same).
  const before = range.start - finding.start;
  const after = range.end - finding.end;
  return {
    name,
    apply(view, from, to) {
      view.dispatch({ changes: { from: from + before, to: to + after, insert } });
    },
  };
}

/**
 * Monaco `editor.IMarkerData` for `monaco.editor.setModelMarkers(model, owner, markers)`:
 * 1-based lines and columns, columns in UTF-16 code units as Monaco counts them, end exclusive.
 * Pass `monaco.MarkerSeverity` to get its enum type back; without it the same numbers are used.
 */
export function toMonacoMarkers(report, monacoSeverity = MONACO_SEVERITY) {
  const findings = findingsOf(report, 'toMonacoMarkers');
  const severity = { error: monacoSeverity.Error, warning: monacoSeverity.Warning, info: monacoSeverity.Info };
  return findings.map((f) => ({
    startLineNumber: f.line,
    startColumn: f.column,
    endLineNumber: f.endLine,
    endColumn: f.endColumn,
    message: text(f),
    severity: severity[f.severity],
    code: f.rule,
    source: SOURCE,
  }));
}
