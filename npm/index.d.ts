// Types of the `speclint` package. The data shapes (Report, Finding, Span, ...) are written once,
// next to the Rust conversions in src/wasm/, and reach here through the generated
// dist/speclint.d.ts; this file declares the functions and the Template class the package exports.
import type { Detection, Report, RuleInfo, Severity, TemplateSection, TemplateSummary } from "./dist/speclint.js";

export type {
  Detection,
  Finding,
  Fix,
  Report,
  RuleInfo,
  SectionResult,
  Severity,
  Span,
  Status,
  Summary,
  TemplateInfo,
  TemplateSection,
  TemplateSummary,
} from "./dist/speclint.js";

export interface CheckOptions {
  /**
   * What to check against: `"auto"` (the default: the best-fitting built-in template, or none
   * when nothing fits, and then `score` is null), a built-in id (`"tech-spec"`, `"spec-md"`), a
   * Template from `compileTemplate()`, or template Markdown (any string with a newline or `#`
   * that is not a built-in id).
   */
  template?: string | Template;
  /** Per-rule overrides, by rule id: `"off"` or a severity. Unknown ids throw. */
  rules?: Record<string, "off" | Severity>;
  /** Inputs longer than this many UTF-8 bytes throw instead of being checked (default 16 MiB). */
  maxBytes?: number;
}

/**
 * Checks a Markdown document against its template.
 *
 * @throws TypeError when `markdown` is not a string or an option has the wrong type (the message
 *   names it); Error for an unknown template id (listing the valid ones), an unknown rule id,
 *   input over `maxBytes`, or template Markdown without headings.
 */
export declare function check(markdown: string, options?: CheckOptions): Report;

/**
 * Compiles template Markdown once, to check many documents against it.
 *
 * @throws TypeError when `markdown` is not a string; Error when it has no headings.
 */
export declare function compileTemplate(markdown: string): Template;

/** The built-in templates. */
export declare function templates(): TemplateSummary[];

/** Which built-in template fits a document best (`id` null when none fits well enough). */
export declare function detectTemplate(markdown: string): Detection;

/** Every rule, in the order they run, with its default severity. */
export declare function rules(): RuleInfo[];

/** A compiled template. Make one with `compileTemplate()`; pass it as `options.template`. */
export declare class Template {
  private constructor();
  /** `"custom"`. */
  readonly id: string;
  /** The template's first heading. */
  readonly title: string;
  /** The outline, in template order. */
  readonly sections: readonly TemplateSection[];
  /** The Markdown it was compiled from. */
  readonly source: string;
  /** Same as `check(markdown, { ...options, template: this })`. */
  check(markdown: string, options?: Omit<CheckOptions, "template">): Report;
  /**
   * Releases the compiled form now rather than at garbage collection; unusable afterwards. (Also
   * available as `[Symbol.dispose]` for `using`, left out here so that consumers whose `lib`
   * predates esnext.disposable still type-check.)
   */
  free(): void;
}
