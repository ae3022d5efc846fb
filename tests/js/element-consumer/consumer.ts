// tsc --strict against the packed package's declarations for its two browser subpaths.
import type { Report } from "speclint";
import { SpecLintElement } from "speclint/element";
import { toCodeMirrorDiagnostics, toMonacoMarkers, type CodeMirrorDiagnostic, type MonacoMarker } from "speclint/adapters";

const el: SpecLintElement | null = document.querySelector("spec-lint"); // HTMLElementTagNameMap
if (el) {
  el.addEventListener("speclint-report", (e) => {
    const score: number | null = e.detail.score;
    console.log(score);
  });
  document.addEventListener("speclint-error", (e) => console.log(e.detail.message));
  const last: Report | null = el.report;
  void el.check().then((r: Report) => {
    const d: CodeMirrorDiagnostic[] = toCodeMirrorDiagnostics(r);
    const m: MonacoMarker<2 | 4 | 8>[] = toMonacoMarkers(r);
    console.log(last, d, m);
  });
}
