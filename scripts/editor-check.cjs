// Checks the committed editor schemas with the YAML language server itself (the engine of the VS
// Code YAML extension), as scripts/editor-check.sh installs it: every runbook and test file the
// repository ships validates without a diagnostic under the .vscode/settings.json mapping, a
// broken runbook gets its diagnostics, and every snippet offered in a list of steps, in an empty
// runbook and in an empty test file inserts text that validates. Exit code 1 on any failure.
'use strict';
const fs = require('fs');
const path = require('path');
const { getLanguageService } = require('yaml-language-server/lib/umd/languageservice/yamlLanguageService');
const { TextDocument } = require('vscode-languageserver-textdocument');
const { URI } = require('vscode-uri');

const root = path.resolve(process.argv[2] || '.');
const settings = JSON.parse(fs.readFileSync(path.join(root, '.vscode/settings.json'), 'utf8'));
const ls = getLanguageService({
  schemaRequestService: (uri) => Promise.resolve(fs.readFileSync(URI.parse(uri).fsPath, 'utf8')),
  workspaceContext: {
    resolveRelativePath: (rel, res) =>
      URI.file(path.resolve(path.dirname(URI.parse(res).fsPath), rel)).toString(),
  },
});
ls.configure({
  validate: true,
  completion: true,
  hover: true,
  schemas: Object.entries(settings['yaml.schemas']).map(([schema, fileMatch]) => ({
    uri: URI.file(path.join(root, schema)).toString(),
    fileMatch,
  })),
});

let failures = 0;
const fail = (what, detail) => {
  failures++;
  console.log(`FAIL ${what}: ${detail}`);
};
const doc = (rel, text) =>
  TextDocument.create(URI.file(path.join(root, rel)).toString(), 'yaml', 1, text);
const problems = async (d) => (await ls.doValidation(d, false)).filter((x) => x.severity <= 2);
// How VS Code fills a snippet when every placeholder keeps its default.
const fill = (t) =>
  t.replace(/\\\$|\$\{\d+:([^}]*)\}|\$\d+/g, (m, d) => (m === '\\$' ? '$' : d !== undefined ? d : ''));
const walk = (d) =>
  fs.readdirSync(d, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));

(async () => {
  const shipped = [
    ...walk(path.join(root, 'runbooks-yaml')),
    ...walk(path.join(root, 'scripts')).filter((f) => /-runbooks\//.test(f)),
  ].filter((f) => f.endsWith('.yaml'));
  for (const file of shipped) {
    const found = await problems(doc(path.relative(root, file), fs.readFileSync(file, 'utf8')));
    if (found.length) {
      fail(path.relative(root, file), JSON.stringify(found.map((x) => [x.range.start.line + 1, x.message])));
    }
  }
  console.log(`shipped files: ${shipped.length}`);

  const broken = 'apiVersion: runbooks.dev/v1\nkind: Runbook\nmetadata:\n  name: broken\n  severity: urgent\n'
    + 'steps:\n  - id: a\n    sleep: 5m\n    bogus: 1\n';
  const lines = (await problems(doc('runbooks-yaml/examples/zz-broken.yaml', broken))).map((x) => x.range.start.line + 1);
  if (!(lines.includes(5) && lines.includes(9))) {
    fail('broken runbook', `diagnostics on lines ${lines}, expected 5 and 9`);
  }

  const schema = JSON.parse(fs.readFileSync(path.join(root, 'runbooks-yaml/schema/runbook.schema.json'), 'utf8'));
  const stepSnippets = new Set(schema.definitions.step.defaultSnippets.map((s) => s.label));
  const head = 'apiVersion: runbooks.dev/v1\nkind: Runbook\nmetadata:\n  name: snippets\nsteps:\n  - ';
  const offered = (await ls.doComplete(doc('runbooks-yaml/examples/zz-steps.yaml', head + '\n'), { line: 5, character: 4 }, false))
    .items.filter((i) => stepSnippets.has(i.label) && (i.insertText || '').startsWith('id:'));
  const kinds = new Set();
  for (const item of offered) {
    if (kinds.has(item.label)) continue;
    kinds.add(item.label);
    const text = head + fill(item.insertText).split('\n').join('\n  ') + '\n';
    const found = await problems(doc(`runbooks-yaml/examples/zz-${item.label}.yaml`, text));
    if (found.length) fail(`snippet ${item.label}`, JSON.stringify(found.map((x) => x.message)));
  }
  console.log(`step snippets: ${kinds.size} (${[...kinds].join(', ')})`);
  if (kinds.size !== stepSnippets.size) fail('step snippets', `${kinds.size} offered, expected ${stepSnippets.size}`);

  for (const [rel, label] of [['runbooks-yaml/examples/zz-new.yaml', 'runbook'], ['runbooks-yaml/examples/zz-new.test.yaml', 'RunbookTest']]) {
    const item = (await ls.doComplete(doc(rel, ''), { line: 0, character: 0 }, false)).items.find((i) => i.label === label);
    if (!item) {
      fail(`${label} snippet`, 'not offered in an empty file');
      continue;
    }
    const found = await problems(doc(rel.replace('zz-new', 'zz-filled'), fill(item.insertText)));
    if (found.length) fail(`${label} snippet`, JSON.stringify(found.map((x) => x.message)));
  }
  console.log(failures ? `${failures} failures` : 'ok');
  process.exit(failures ? 1 : 0);
})();
