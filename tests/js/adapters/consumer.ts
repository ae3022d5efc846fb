// Compiled by tests/js/adapters.test.js with tsc --strict against the real editor types: the
// adapters' results must be accepted where @codemirror/lint and Monaco expect their own types.
import { type Diagnostic, linter, setDiagnostics } from "@codemirror/lint";
import type { EditorState } from "@codemirror/state";
import type { EditorView } from "@codemirror/view";
import * as monaco from "monaco-editor";

import type { Report } from "../../../npm/index.js";
import { toCodeMirrorDiagnostics, toMonacoMarkers } from "../../../npm/adapters.js";

declare function check(markdown: string): Report;
declare const state: EditorState;
declare const model: monaco.editor.ITextModel;

// CodeMirror 6: the linter source, and diagnostics pushed by hand.
export const specLinter = linter((view: EditorView): Diagnostic[] => toCodeMirrorDiagnostics(check(view.state.doc.toString())));
export const pushed = setDiagnostics(state, toCodeMirrorDiagnostics(check(state.doc.toString()), { fixes: false, source: "specs" }));
const diagnostics: readonly Diagnostic[] = toCodeMirrorDiagnostics(check(""));
export const firstAction = diagnostics[0]?.actions?.[0]?.apply;

// Monaco: with its MarkerSeverity enum, and with the default numbers.
monaco.editor.setModelMarkers(model, "speclint", toMonacoMarkers(check(model.getValue()), monaco.MarkerSeverity));
const withDefaults: monaco.editor.IMarkerData[] = toMonacoMarkers(check(model.getValue()));
const severity: monaco.MarkerSeverity = toMonacoMarkers(check(""), monaco.MarkerSeverity)[0].severity;
export { severity, withDefaults };

// And what must not compile.
// @ts-expect-error a string is not a Report
toCodeMirrorDiagnostics("# not a report");
// @ts-expect-error the severity map needs Error, Warning and Info
toMonacoMarkers(check(""), { Error: 8 });
