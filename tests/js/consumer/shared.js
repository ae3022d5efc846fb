// What every browser consumer page runs against the installed package: a custom template, a
// UTF-16 position checked by slicing, auto-detection, and a panic followed by a working call.
export function exercise(api) {
  const md = '# Spec\n\n## Owner\n👩‍💻 中文 [Name]\n';
  const template = api.compileTemplate('# Spec\n\n## Owner\n[Name]\n\n## Goals\nWhat do we want?\n');
  const report = api.check(md, { template });
  const placeholder = report.findings.find((f) => f.rule === 'unfilled-placeholder');
  let panic = null;
  try {
    api.__speclint_test_panic();
  } catch (e) {
    panic = e.message;
  }
  const again = api.check(md, { template });
  return {
    score: report.score,
    slice: md.slice(placeholder.start, placeholder.end),
    column: placeholder.column,
    templates: api.templates().map((t) => t.id),
    auto: api.check(api.templates()[1].source).template.id,
    panic,
    sameAfterPanic: JSON.stringify(again) === JSON.stringify(report),
  };
}

export function show(run) {
  const out = document.querySelector('#out');
  try {
    out.textContent = JSON.stringify(run());
  } catch (e) {
    out.textContent = JSON.stringify({ error: String(e && e.stack ? e.stack : e) });
  }
  out.dataset.done = '1';
}
