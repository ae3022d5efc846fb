// A TypeScript consumer, compiled with `tsc --noEmit --strict` against the installed package's
// declarations. Every field is read with the type it is declared to have.
import { check, compileTemplate, detectTemplate, rules, templates, Template } from "speclint";
import type { CheckOptions, Detection, Finding, Report, RuleInfo, SectionResult, Severity, Span, Status } from "speclint";

const options: CheckOptions = { template: "auto", rules: { "todo-marker": "off", "missing-section": "warning" }, maxBytes: 1 << 20 };
const report: Report = check("# Spec\n", options);
const score: number | null = report.score;
const templateId: string | null = report.template.id;
const confidence: number = report.template.confidence;
const counts: number = report.summary.errors + report.summary.warnings + report.summary.infos;

const sections: SectionResult[] = report.sections;
for (const s of sections) {
  const status: Status = s.status;
  const path: string[] = s.path;
  const range: Span | null = s.range;
  const insertAt: number | undefined = s.insertAt?.start;
  const heading: string | null = s.heading;
  console.log(status, path, range?.line, insertAt, heading, s.points / Math.max(1, s.maxPoints), s.optional, s.level);
}

function describe(f: Finding): string {
  const severity: Severity = f.severity;
  const where = `${f.line}:${f.column}-${f.endLine}:${f.endColumn} [${f.start}, ${f.end}) bytes ${f.startByte}-${f.endByte}`;
  const fix = f.fix === null ? "" : ` fix: insert ${f.fix.text.length} chars at ${f.fix.range.start}`;
  const section = f.section === null ? "" : ` in ${f.sectionTitle ?? "?"} (#${f.section})`;
  return `${severity} ${f.rule} ${where}: ${f.message} — ${f.help}${section}${fix}`;
}
report.findings.map(describe).forEach((line) => console.log(line));

const compiled: Template = compileTemplate("# T\n\n## A\n[x]\n");
const viaObject: Report = check("# T\n", { template: compiled });
const viaMethod: Report = compiled.check("# T\n", { rules: { "unfilled-placeholder": "info" } });
const outline: readonly { title: string; level: number; optional: boolean; path: string[] }[] = compiled.sections;
console.log(compiled.id, compiled.title, compiled.source.length, outline.length, viaObject.score, viaMethod.score);
compiled.free();

const builtIns: { id: string; title: string; description: string; source: string }[] = templates();
const detected: Detection = detectTemplate(builtIns[0].source);
const closest: number | undefined = detected.closest?.confidence;
const allRules: RuleInfo[] = rules();
const defaults: Severity[] = allRules.map((r) => r.defaultSeverity);
console.log(score, templateId, confidence, counts, detected.id, closest, defaults.length);

// @ts-expect-error: markdown must be a string
check(42);
// @ts-expect-error: unknown rule setting
check("x", { rules: { "todo-marker": "loud" } });
// @ts-expect-error: Template has no public constructor
new Template();
