/**
 * Precompiled templates: `dist/templates.compiled.cjs`, written by the build (`npm run build`, the
 * test setup, prepack) with Handlebars' own precompiler, read by render.ts with only the Handlebars
 * runtime. It carries the template sources and the Handlebars version it was made with, compared
 * whole (a hash would load node:crypto, ~10 ms of every start-up); when either differs from what
 * is on disk, render.ts compiles the sources instead, so a template edited after the last build is
 * never rendered from a stale copy.
 *
 * It is loaded through the code cache as the bundle is (code-cache.ts): compiling it is most of
 * the cost of rendering a small connector.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import handlebarsRuntime from 'handlebars/runtime.js';
import { codeCacheDir, loadCommonJs } from '../cli/code-cache.js';

export type Template = (view: object) => string;

export interface TemplateSources {
  readonly partials: readonly (readonly [name: string, text: string])[];
  readonly templates: readonly (readonly [name: string, text: string])[];
}

/** strict: a view missing a field the template reads is a bug, not an empty string. */
export const COMPILE_OPTIONS = Object.freeze({ noEscape: true, strict: true });

/** Beside dist/'s modules, at the same place from `src/emit` and `dist/emit`. */
const PRECOMPILED_FILE = fileURLToPath(new URL('../../dist/templates.compiled.cjs', import.meta.url));

const require = createRequire(import.meta.url);

/** Handlebars without its compiler (what `template()` needs); imported, not required, so the bundle carries it. */
const runtime = handlebarsRuntime as unknown as Pick<typeof import('handlebars'), 'VERSION' | 'create'>;

interface PrecompiledModule {
  /** What it was made from: sourcesKey(). */
  readonly source: string;
  readonly partials: Record<string, object>;
  readonly templates: Record<string, object>;
}

/** The precompiled templates when they were made from `sources`, else undefined. */
export function loadPrecompiled(sources: TemplateSources, file: string = PRECOMPILED_FILE): Map<string, Template> | undefined {
  let precompiled: PrecompiledModule;
  try {
    // The code cache for the CLI's own file only, not for every file a test writes.
    precompiled = loadCommonJs(file, { dir: file === PRECOMPILED_FILE ? codeCacheDir() : undefined, profile: 'templates' }).exports as PrecompiledModule;
  } catch {
    return undefined;
  }
  if (precompiled.source !== sourcesKey(sources, runtime.VERSION)) return undefined;
  const hbs = runtime.create();
  for (const [name, spec] of Object.entries(precompiled.partials)) hbs.registerPartial(name, hbs.template(spec as never));
  return new Map(Object.entries(precompiled.templates).map(([name, spec]) => [name, hbs.template(spec as never) as Template]));
}

/** Precompiles `sources` into `file`. */
export function writePrecompiled(sources: TemplateSources, file: string = PRECOMPILED_FILE): void {
  const Handlebars = require('handlebars') as typeof import('handlebars');
  // A copy each time: precompile adds its defaults to the options object it is given.
  const entries = (list: TemplateSources['templates']): string =>
    list.map(([name, text]) => `  ${JSON.stringify(name)}: ${Handlebars.precompile(text, { ...COMPILE_OPTIONS })},\n`).join('');
  const text =
    `// Generated from templates/ by generator/src/emit/precompiled.ts; rebuilt by \`npm run build\`.\n` +
    `exports.source = ${JSON.stringify(sourcesKey(sources, Handlebars.VERSION))};\n` +
    `exports.partials = {\n${entries(sources.partials)}};\n` +
    `exports.templates = {\n${entries(sources.templates)}};\n`;
  // Renamed into place, so a CLI starting meanwhile reads the old file or the new one, never half.
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}

function sourcesKey(sources: TemplateSources, handlebarsVersion: string): string {
  return JSON.stringify([handlebarsVersion, COMPILE_OPTIONS, sources]);
}
