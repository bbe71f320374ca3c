/**
 * Handlebars, compiled once per process. Templates hold the shape of the output (loops and
 * conditionals over a view); every value in a view is already escaped for its slot by
 * `view/safe.ts`, so rendering runs with `noEscape` and no helper does any escaping of its own.
 *
 * Compiling the templates costs more than rendering a small connector, so the build precompiles
 * them (precompiled.ts); a precompiled set is used only when it was made from exactly the
 * templates on disk, else they are compiled here as before.
 */
import { createRequire } from 'node:module';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMPILE_OPTIONS, loadPrecompiled, writePrecompiled, type Template, type TemplateSources } from './precompiled.js';

/**
 * `templates/`: a copy inside the CLI package when it was packed (npm cannot pack a path outside
 * the package), else the repository's own; the same relative paths from `src/emit` and `dist/emit`.
 */
const TEMPLATE_CANDIDATES = ['../../templates/', '../../../templates/'].map((rel) => fileURLToPath(new URL(rel, import.meta.url)));
export const TEMPLATES_DIR = TEMPLATE_CANDIDATES.find((dir) => existsSync(join(dir, 'connector'))) ?? TEMPLATE_CANDIDATES[1]!;

let compiled: Map<string, Template> | undefined;

/** Renders `templates/connector/<name>` with `view`. Line endings are always LF. */
export function render(name: string, view: object): string {
  const template = templates().get(name);
  if (template === undefined) throw new Error(`no template connector/${name}`);
  const text = template(view);
  // includes() first: a scan for one character is far quicker than the regex, and CRs are rare.
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/** Loads (or compiles) the templates now rather than at the first render. */
export function loadTemplates(): void {
  templates();
}

function templates(): Map<string, Template> {
  if (compiled !== undefined) return compiled;
  const sources = readTemplateSources();
  compiled = loadPrecompiled(sources) ?? compileSources(sources);
  return compiled;
}

/** Partials (by name, without `.hbs`) and connector templates (by path), sorted, as text. */
export function readTemplateSources(): TemplateSources {
  const read = (dir: string, keep: (name: string) => boolean, name: (file: string) => string): [string, string][] =>
    listFiles(dir)
      .filter((file) => keep(file))
      .map((file) => [name(toPosix(relative(dir, file))), readFileSync(file, 'utf8')]);
  return {
    partials: read(join(TEMPLATES_DIR, 'partials'), () => true, (file) => file.replace(/\.hbs$/, '')),
    templates: read(join(TEMPLATES_DIR, 'connector'), (file) => file.endsWith('.hbs'), (file) => file),
  };
}

/** The build step: precompile the templates on disk (see precompiled.ts). */
export function precompileTemplates(): void {
  writePrecompiled(readTemplateSources());
}

function compileSources(sources: TemplateSources): Map<string, Template> {
  // The compiler is loaded only here: with precompiled templates the runtime alone renders.
  const Handlebars = createRequire(import.meta.url)('handlebars') as typeof import('handlebars');
  const hbs = Handlebars.create();
  for (const [name, text] of sources.partials) hbs.registerPartial(name, text);
  return new Map(sources.templates.map(([name, text]) => [name, hbs.compile(text, { ...COMPILE_OPTIONS })]));
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
