/**
 * Handlebars, compiled once per process. Templates hold the shape of the output (loops and
 * conditionals over a view); every value in a view is already escaped for its slot by
 * `view/safe.ts`, so rendering runs with `noEscape` and no helper does any escaping of its own.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';

/**
 * `templates/`: a copy inside the CLI package when it was packed (npm cannot pack a path outside
 * the package), else the repository's own; the same relative paths from `src/emit` and `dist/emit`.
 */
const TEMPLATE_CANDIDATES = ['../../templates/', '../../../templates/'].map((rel) => fileURLToPath(new URL(rel, import.meta.url)));
export const TEMPLATES_DIR = TEMPLATE_CANDIDATES.find((dir) => existsSync(join(dir, 'connector'))) ?? TEMPLATE_CANDIDATES[1]!;

type Template = (view: object) => string;

let compiled: Map<string, Template> | undefined;

/** Renders `templates/connector/<name>` with `view`. Line endings are always LF. */
export function render(name: string, view: object): string {
  const template = templates().get(name);
  if (template === undefined) throw new Error(`no template connector/${name}`);
  return template(view).replace(/\r\n?/g, '\n');
}

function templates(): Map<string, Template> {
  if (compiled !== undefined) return compiled;
  const hbs = Handlebars.create();
  const partialsDir = join(TEMPLATES_DIR, 'partials');
  for (const file of listFiles(partialsDir)) {
    const name = toPosix(relative(partialsDir, file)).replace(/\.hbs$/, '');
    hbs.registerPartial(name, readFileSync(file, 'utf8'));
  }
  const connectorDir = join(TEMPLATES_DIR, 'connector');
  compiled = new Map();
  for (const file of listFiles(connectorDir)) {
    if (!file.endsWith('.hbs')) continue;
    const name = toPosix(relative(connectorDir, file));
    // strict: a view missing a field the template reads is a bug, not an empty string.
    compiled.set(name, hbs.compile(readFileSync(file, 'utf8'), { noEscape: true, strict: true }));
  }
  return compiled;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}
