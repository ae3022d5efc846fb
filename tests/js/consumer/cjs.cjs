// Node, CommonJS: `require` the installed package.
const { check, templates } = require('speclint');

const report = check(templates()[1].source);
console.log(JSON.stringify({ id: report.template.id, score: report.score }));
