// The demo wiki's own script, as a wiki would write it: it uses the <spec-lint> element's
// `speclint-report` event to tell the author, next to the Save button, how the spec scores against
// the team's minimum. Nothing here is needed for the element itself to work.
const form = document.getElementById('edit-form');
const checker = document.querySelector('spec-lint[for="wpTextbox"]');
const hint = document.getElementById('save-hint');

function describe(report) {
  const min = Number(checker.getAttribute('min-score'));
  if (report.score === null) return 'Not scored: no template fits this page.';
  if (report.score >= min) return `Score ${report.score}/100: meets the team's minimum of ${min}.`;
  return `Score ${report.score}/100, under the team's minimum of ${min}: you can still save, as a draft.`;
}

checker.addEventListener('speclint-report', (event) => {
  hint.textContent = describe(event.detail);
  hint.dataset.state = event.detail.score !== null && event.detail.score >= Number(checker.getAttribute('min-score')) ? 'ok' : 'low';
});

checker.addEventListener('speclint-error', (event) => {
  hint.textContent = `The spec could not be checked: ${event.detail.message}`;
  hint.dataset.state = 'low';
});

form.addEventListener('submit', async (event) => {
  event.preventDefault(); // a demo: there is no wiki server to save to
  const report = await checker.check().catch(() => null);
  hint.textContent = `This demo saves nothing. ${report ? describe(report) : ''}`.trim();
});
