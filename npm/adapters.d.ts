// Types of `speclint/adapters`. The editor types are described structurally, so the package does
// not depend on either editor; a test compiles their results where the real `@codemirror/lint`
// `Diagnostic[]` and `monaco.editor.IMarkerData[]` are expected (tsc --strict).
import type { Report, Severity } from "./index.js";

/** What a CodeMirror action needs of the `EditorView` it is given. */
export interface CodeMirrorViewLike {
  dispatch(spec: { changes: { from: number; to: number; insert: string } }): void;
}

/** A `@codemirror/lint` `Action`: applies the finding's fix. */
export interface CodeMirrorAction {
  /** `"Insert section"`, `"Remove"`, `"Insert"` or `"Replace"`. */
  name: string;
  apply(view: CodeMirrorViewLike, from: number, to: number): void;
}

/** A `@codemirror/lint` `Diagnostic`. */
export interface CodeMirrorDiagnostic {
  /** UTF-16 offset: CodeMirror's position when the report was made from `state.doc.toString()`. */
  from: number;
  to: number;
  severity: Severity;
  /** The finding's message, then its help on a second line. */
  message: string;
  source: string;
  /** Present when the finding has a fix. */
  actions?: CodeMirrorAction[];
}

export interface CodeMirrorOptions {
  /** The diagnostics' `source` (default `"speclint"`). */
  source?: string;
  /** Add an action applying each finding's fix (default true). */
  fixes?: boolean;
}

/**
 * A Report's findings as `@codemirror/lint` diagnostics:
 * `linter((view) => toCodeMirrorDiagnostics(check(view.state.doc.toString())))`.
 *
 * @throws TypeError when `report` is not a Report.
 */
export declare function toCodeMirrorDiagnostics(report: Report, options?: CodeMirrorOptions): CodeMirrorDiagnostic[];

/** The members of Monaco's `MarkerSeverity` used here; pass `monaco.MarkerSeverity`. */
export interface MonacoSeverities<S> {
  Error: S;
  Warning: S;
  Info: S;
}

/** A Monaco `editor.IMarkerData`. */
export interface MonacoMarker<S = MonacoSeverity> {
  /** 1-based. */
  startLineNumber: number;
  /** 1-based, in UTF-16 code units (Monaco's columns). */
  startColumn: number;
  endLineNumber: number;
  /** Exclusive: the column just after the range. */
  endColumn: number;
  /** The finding's message, then its help on a second line. */
  message: string;
  severity: S;
  /** The rule id. */
  code: string;
  /** `"speclint"`. */
  source: string;
}

/** Monaco's `MarkerSeverity` numbers for Error, Warning and Info, used when none is passed. */
export type MonacoSeverity = 8 | 4 | 2;

/**
 * A Report's findings as Monaco markers:
 * `monaco.editor.setModelMarkers(model, "speclint", toMonacoMarkers(check(model.getValue()), monaco.MarkerSeverity))`.
 *
 * @throws TypeError when `report` is not a Report.
 */
export declare function toMonacoMarkers(report: Report): MonacoMarker<MonacoSeverity>[];
export declare function toMonacoMarkers<S>(report: Report, monacoSeverity: MonacoSeverities<S>): MonacoMarker<S>[];
