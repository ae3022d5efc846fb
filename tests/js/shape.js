// @ts-check
// The keys of every object the API returns. Checked from both sides: scripts/test-js.sh runs
// `tsc --checkJs --strict` on this file, which proves each list has exactly the keys of its type
// in npm/index.d.ts; api.test.js proves the objects `check()` and friends return have exactly
// these keys. Together: the declarations match the values.

/** @typedef {import('../../npm/index.js').Report} Report */
/** @typedef {import('../../npm/index.js').Finding} Finding */
/** @typedef {import('../../npm/index.js').SectionResult} SectionResult */

/** @satisfies {Record<keyof Report, true>} */
export const report = { score: true, template: true, sections: true, findings: true, summary: true };

/** @satisfies {Record<keyof import('../../npm/index.js').TemplateInfo, true>} */
export const templateInfo = { id: true, title: true, confidence: true };

/** @satisfies {Record<keyof import('../../npm/index.js').Summary, true>} */
export const summary = { errors: true, warnings: true, infos: true };

/** @satisfies {Record<keyof SectionResult, true>} */
export const section = {
  title: true,
  path: true,
  level: true,
  status: true,
  optional: true,
  points: true,
  maxPoints: true,
  heading: true,
  headingRange: true,
  range: true,
  insertAt: true,
};

/** @satisfies {Record<keyof import('../../npm/index.js').Span, true>} */
export const span = {
  startByte: true,
  endByte: true,
  start: true,
  end: true,
  line: true,
  column: true,
  endLine: true,
  endColumn: true,
};

/** @satisfies {Record<keyof Finding, true>} */
export const finding = {
  ...span,
  rule: true,
  severity: true,
  message: true,
  help: true,
  section: true,
  sectionTitle: true,
  fix: true,
};

/** @satisfies {Record<keyof import('../../npm/index.js').Fix, true>} */
export const fix = { range: true, text: true };

/** @satisfies {Record<keyof import('../../npm/index.js').TemplateSummary, true>} */
export const templateSummary = { id: true, title: true, description: true, source: true };

/** @satisfies {Record<keyof import('../../npm/index.js').TemplateSection, true>} */
export const templateSection = { title: true, path: true, level: true, optional: true };

/** @satisfies {Record<keyof import('../../npm/index.js').Detection, true>} */
export const detection = { id: true, title: true, confidence: true, closest: true };

/** @satisfies {Record<keyof import('../../npm/index.js').RuleInfo, true>} */
export const ruleInfo = { id: true, defaultSeverity: true, summary: true };
