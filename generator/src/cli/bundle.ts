/**
 * The bundled CLI in dist/bundle/, made by `npm run build`, the test setup and prepack (never at
 * run time: esbuild is a devDependency). Without it a command spends most of its start-up
 * resolving, reading and compiling ~400 small modules (oclif's ~150 CommonJS files, YAML, the
 * Handlebars runtime, our own); esbuild joins them into one CommonJS file, cli.cjs, which
 * code-cache.ts loads through a V8 code cache (Node 20 caches no compiled ES module).
 *
 * What it joins: the modules tsc wrote (dist/), and the packages every command needs (oclif and
 * what it requires, YAML, the Handlebars runtime). Every other package stays a `require` or
 * `import()` of node_modules, so the heavy stages (Spectral, Redocly, swagger2openapi, SQLite, the
 * runtime's sync engine) load only when a command runs them, as in the unbundled CLI: esbuild
 * wraps each module a command imports lazily (`await import(...)`) in a function that runs, with
 * that module's own `require`s, on that import. A module that is never imported costs the file's
 * size only (read, and with the code cache not even compiled).
 *
 * Beside cli.cjs, one small file per entry (`cli-commands.cjs`, the hooks) hands oclif the
 * bundle's copy of that module, as package.json's commands and hooks name files.
 *
 * launch.ts decides whether the bundle may run: only while the build it records is current.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { COMMAND_IDS } from './commands.js';
import { DYNAMIC_IMPORT, importCalls, rewriteDynamicImports } from './dynamic-imports.js';
import { BUNDLE_DIR, BUNDLE_FILE, BUNDLE_SOURCE_FILE, buildInfoMtimeMs, bundledEntry, type BundleSource } from './launch.js';
import { hookTargets } from './main.js';
import { PACKAGE_ROOT } from './manifest.js';

/** Packages joined into the bundle; everything they require comes with them. */
const BUNDLED_PACKAGES = new Set(['@oclif/core', 'yaml', 'handlebars']);

/**
 * The runtime's light entry points, made for the CLI's start-up (plain functions, no imports of
 * their own): joined too, as they would otherwise be ES modules required through Node's ES module
 * loader (resolved, read and compiled without a code cache) on every generate.
 */
const BUNDLED_ENTRY_POINTS = new Set(['@connectgen/runtime/path', '@connectgen/runtime/retry-policy']);

/** The unbundled files that become the bundle's entries: what bin/run.js and oclif import. */
export function bundleEntries(pjson: { oclif?: { hooks?: Record<string, unknown> } }): string[] {
  const hooks = Object.values(pjson.oclif?.hooks ?? {}).flatMap((targets) => hookTargets(targets));
  return ['./dist/cli/main.js', './dist/cli/commands.js', ...hooks];
}

/** The esbuild metafile: which source modules went into the bundle and what each imports. */
export const BUNDLE_META_FILE = 'meta.json';

/** Writes dist/bundle/ from dist/; the old bundle is replaced whole. */
export async function writeBundle(root: string = PACKAGE_ROOT): Promise<void> {
  let esbuild: typeof import('esbuild');
  try {
    esbuild = await import('esbuild');
  } catch (error) {
    // A checkout whose node_modules predates esbuild: the CLI still runs, from the modules tsc wrote.
    if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    process.stderr.write('warning: esbuild is not installed (run `npm install`): the CLI runs unbundled, with a slower start-up\n');
    return;
  }
  // Read before bundling: a build that lands meanwhile makes this bundle stale, never falsely current.
  const source: BundleSource = { buildInfoMtimeMs: buildInfoMtimeMs(root), topics: [...new Set(COMMAND_IDS.map((id) => id.split(':')[0]!))] };
  const pjson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Parameters<typeof bundleEntries>[0];
  const target = join(root, BUNDLE_DIR);
  const temporary = `${target}.${process.pid}.tmp`;
  rmSync(temporary, { recursive: true, force: true });
  const entries = bundleEntries(pjson).map((file) => ({ file, name: bundledEntry(file).name }));
  const result = await esbuild.build({
    absWorkingDir: root,
    // One module that imports every entry and exports them by name: the shims below hand them on.
    stdin: {
      contents: [
        ...entries.map(({ file }, i) => `import * as entry${i} from ${JSON.stringify(file)};`),
        `export const entries = { ${entries.map(({ name }, i) => `${JSON.stringify(name)}: entry${i}`).join(', ')} };`,
      ].join('\n'),
      resolveDir: root,
      sourcefile: 'bundle-entries.js',
      loader: 'js',
    },
    // In dist/bundle/, two levels down as dist/cli/ is, so `new URL('../../…', import.meta.url)` in a module still finds the package root.
    outfile: join(temporary, BUNDLE_FILE),
    write: false,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    metafile: true,
    logLevel: 'silent',
    // What an ES module's `import.meta` says, from the bundle file's own place.
    define: { 'import.meta.url': '__cgImportMetaUrl', 'import.meta.filename': '__filename', 'import.meta.dirname': '__dirname' },
    plugins: [
      { name: 'connectgen-externals', setup: (build) => build.onResolve({ filter: /^[^./]/ }, (args) => (bundles(args.path, args.importer) ? undefined : { external: true })) },
      { name: 'connectgen-oclif-edits', setup: oclifEdits },
    ],
  });
  // Any other use of import.meta would be an empty object in a CommonJS file: refuse rather than ship a CLI that misbehaves.
  const problems = result.warnings.filter((warning) => warning.text.includes('import.meta'));
  if (problems.length > 0) throw new Error(`bundle: ${problems.map((p) => `${p.location?.file ?? '?'}:${p.location?.line ?? '?'} ${p.text}`).join('; ')}`);
  const [output] = result.outputFiles;
  if (output === undefined) throw new Error('bundle: esbuild wrote nothing');
  const { ts } = await import('ts-morph');
  const body = rewriteDynamicImports(output.text, ts);
  const prelude = [
    // Strict mode for the whole file, as every ES module (and so every module of the ES bundle before it) runs: a write to a frozen object must still throw.
    '"use strict";',
    "const __cgImportMetaUrl = require('node:url').pathToFileURL(__filename).href;",
    // import() through the loader's function (dynamic-imports.ts); import() itself when the file is required some other way.
    `const ${DYNAMIC_IMPORT} = typeof __cgImport === 'function' ? __cgImport : (specifier, options) => import(specifier, options);`,
  ].join('\n');
  if (importCalls(body, ts).length > 0) throw new Error('bundle: an import() call was left in the bundle');
  mkdirSync(temporary, { recursive: true });
  writeFileSync(join(temporary, BUNDLE_FILE), `${prelude}\n${body}`);
  for (const { name } of entries) {
    writeFileSync(join(temporary, `${name}.cjs`), `'use strict';\n// The bundle's copy of this module (bundle.ts).\nmodule.exports = require('./${BUNDLE_FILE}').entries[${JSON.stringify(name)}];\n`);
  }
  // Output paths as they will be once the bundle is in place (dist/bundle/…, relative to the package root).
  const written = relative(root, temporary).split(sep).join('/');
  const outputs = Object.fromEntries(Object.entries(result.metafile.outputs).map(([file, output]) => [file.replace(written, BUNDLE_DIR), output]));
  writeFileSync(join(temporary, BUNDLE_META_FILE), JSON.stringify({ ...result.metafile, outputs }));
  // Written last: a bundle without it never runs.
  writeFileSync(join(temporary, BUNDLE_SOURCE_FILE), JSON.stringify(source) + '\n');
  rmSync(target, { recursive: true, force: true });
  mkdirSync(join(root, 'dist'), { recursive: true });
  renameSync(temporary, target);
}

/**
 * Edits to oclif's code in the bundle's copy, for start-up. oclif sorts a plugin's commands with
 * localeCompare on every start-up, and a process's first localeCompare builds ICU's collator: 10-15
 * ms, more than the rest of oclif's configuration. Our command ids sort the same by code units
 * (commands.test.ts holds every id to that), so the bundle's copy compares them that way. A new
 * oclif whose code no longer reads so fails the build, so the edit is looked at again, never lost.
 */
const OCLIF_EDITS: readonly { readonly file: RegExp; readonly from: string; readonly to: string }[] = [
  {
    file: /[\\/]@oclif[\\/]core[\\/]lib[\\/]config[\\/]plugin\.js$/,
    from: '.sort((a, b) => a.id.localeCompare(b.id))',
    to: '.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))',
  },
];

function oclifEdits(build: import('esbuild').PluginBuild): void {
  for (const edit of OCLIF_EDITS) {
    build.onLoad({ filter: edit.file }, (args) => {
      const code = readFileSync(args.path, 'utf8');
      if (code.split(edit.from).length !== 2) throw new Error(`bundle: ${args.path} no longer reads \`${edit.from}\` once: review OCLIF_EDITS in bundle.ts`);
      return { contents: code.replace(edit.from, edit.to), loader: 'js' };
    });
  }
}

/** Whether an import of a package is joined into the bundle or left to node_modules. */
function bundles(specifier: string, importer: string): boolean {
  if (specifier.startsWith('node:')) return false;
  // Required from inside a joined package: part of it.
  if (importer.includes('/node_modules/') || importer.includes('\\node_modules\\')) return true;
  if (BUNDLED_ENTRY_POINTS.has(specifier)) return true;
  const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
  return BUNDLED_PACKAGES.has(name);
}
