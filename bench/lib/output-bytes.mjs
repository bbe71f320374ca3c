// Where a generated connector package's bytes are, and which text it holds twice: the README, the
// manifest's parts (actions' inputs, outputs, descriptions; $defs) and each kind of source, split into
// JSDoc and code. The description and summary text of connector.json is what JSDoc also carries (the
// same spec text, for editors), so that figure is what the package spends on saying it twice.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** [label, bytes] rows, largest parts first within each file. */
export function packageBreakdown(dir) {
  const rows = [];
  const size = (file) => statSync(path.join(dir, file)).size;
  rows.push(['README.md', size('README.md')]);
  rows.push(['connector.json', size('connector.json')], ...manifestParts(JSON.parse(readFileSync(path.join(dir, 'connector.json'), 'utf8'))));
  const sources = { actions: {}, other: {} };
  const actionsDir = path.join(dir, 'src', 'actions');
  for (const name of readdirSync(actionsDir)) addSource(sources.actions, readFileSync(path.join(actionsDir, name), 'utf8'));
  rows.push(['src/actions/', sum(sources.actions)], ...Object.entries(sources.actions).sort(([, a], [, b]) => b - a).map(([part, bytes]) => [`  ${part}`, bytes]));
  for (const file of ['src/types.ts', 'src/parameters.ts', 'src/index.ts']) {
    let text;
    try {
      text = readFileSync(path.join(dir, file), 'utf8');
    } catch {
      continue;
    }
    const parts = {};
    addSource(parts, text);
    rows.push([file, Buffer.byteLength(text)], [`  of which JSDoc`, Object.entries(parts).filter(([k]) => k.endsWith('JSDoc')).reduce((n, [, v]) => n + v, 0)]);
  }
  return rows;
}

function manifestParts(manifest) {
  const parts = {};
  for (const action of manifest.actions) {
    for (const [key, value] of Object.entries(action)) {
      const part = key === 'input' || key === 'output' || key === 'pagination' || key === 'description' || key === 'summary' ? key : 'name, path, method, tags, security';
      parts[part] = (parts[part] ?? 0) + JSON.stringify(value).length + key.length + 4;
    }
  }
  return [
    ...Object.entries(parts)
      .sort(([, a], [, b]) => b - a)
      .map(([part, bytes]) => [`  actions' ${part}`, bytes]),
    ['  $defs', JSON.stringify(manifest.$defs).length],
    ['  description and summary text anywhere (also in JSDoc)', describedText(manifest)],
  ];
}

function describedText(node) {
  if (Array.isArray(node)) return node.reduce((n, item) => n + describedText(item), 0);
  if (node === null || typeof node !== 'object') return 0;
  let bytes = 0;
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'description' || key === 'summary') && typeof value === 'string') bytes += JSON.stringify(value).length + key.length + 4;
    else bytes += describedText(value);
  }
  return bytes;
}

/**
 * An actions file by region (input types, the group's interface with each action's JSDoc, the
 * factory with each OperationSpec), each as JSDoc and code. Regions start at their declarations.
 */
function addSource(parts, text) {
  let region = 'header';
  for (const line of text.split('\n')) {
    if (/^export interface \w+Actions \{/.test(line)) region = 'actions interface';
    else if (/^export interface \w+Input\b/.test(line)) region = 'input types';
    else if (/^export function create/.test(line)) region = 'factory (OperationSpecs)';
    else if (/^export (interface|type|const) /.test(line)) region = 'declarations';
    const doc = /^\s*(\/\*\*|\*|\*\/)/.test(line);
    const key = `${region}, ${doc ? 'JSDoc' : 'code'}`;
    parts[key] = (parts[key] ?? 0) + Buffer.byteLength(line) + 1;
  }
}

const sum = (parts) => Object.values(parts).reduce((n, v) => n + v, 0);
