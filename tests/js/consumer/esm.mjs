// Node, ES module: `import` from the installed package.
import { check, templates } from 'speclint';

const source = templates()[0].source;
const report = check(source);
console.log(JSON.stringify({ id: report.template.id, score: report.score, errors: report.summary.errors }));
