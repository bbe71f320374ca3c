/**
 * The bundled CLI in dist/bundle/, made by `npm run build`, the test setup and prepack (never at
 * run time: esbuild is a devDependency). Without it a command spends most of its start-up
 * resolving, reading and compiling ~400 small modules (oclif's ~150 CommonJS files, YAML, the
 * Handlebars runtime, our own); esbuild joins them into a few ES modules.
 *
 * What it joins: the modules tsc wrote (dist/), and the packages every command needs (oclif and
 * what it requires, YAML, the Handlebars runtime). Every other package stays an import of
 * node_modules, so the heavy stages (Spectral, Redocly, swagger2openapi, SQLite, the runtime's
 * sync engine) load only when a command runs them, as in the unbundled CLI. Our own modules that
 * commands import lazily (`await import(...)`) become chunks of their own, loaded just as late.
 *
 * launch.ts decides whether the bundle may run: only while the build it records is current.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { BUNDLE_DIR, BUNDLE_SOURCE_FILE, buildInfoMtimeMs, bundledEntry, type BundleSource } from './launch.js';
import { hookTargets } from './main.js';
import { PACKAGE_ROOT } from './manifest.js';

/** Packages joined into the bundle; everything they require comes with them. */
const BUNDLED_PACKAGES = new Set(['@oclif/core', 'yaml', 'handlebars']);

/** The unbundled files that become the bundle's entries: what bin/run.js and oclif import. */
export function bundleEntries(pjson: { oclif?: { hooks?: Record<string, unknown> } }): string[] {
  const hooks = Object.values(pjson.oclif?.hooks ?? {}).flatMap((targets) => hookTargets(targets));
  return ['./dist/cli/main.js', './dist/cli/commands.js', ...hooks];
}

/** The esbuild metafile: which source modules went into which bundle file (startup-imports.test.ts reads it). */
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
  const source: BundleSource = { buildInfoMtimeMs: buildInfoMtimeMs(root) };
  const pjson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Parameters<typeof bundleEntries>[0];
  const target = join(root, BUNDLE_DIR);
  const temporary = `${target}.${process.pid}.tmp`;
  rmSync(temporary, { recursive: true, force: true });
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(bundleEntries(pjson).map((file) => [bundledEntry(file).name, file])),
    outdir: temporary,
    // Every file at one level (no chunks/ folder), so `new URL('../../…', import.meta.url)` in a module still finds the package root.
    entryNames: '[name]',
    chunkNames: '[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    metafile: true,
    logLevel: 'error',
    plugins: [{ name: 'connectgen-externals', setup: (build) => build.onResolve({ filter: /^[^./]/ }, (args) => (bundles(args.path, args.importer) ? undefined : { external: true })) }],
    // oclif and the packages it requires are CommonJS: inside an ES module they need these three.
    banner: {
      js: [
        "import { createRequire as __cgCreateRequire } from 'node:module';",
        "import { dirname as __cgDirname } from 'node:path';",
        "import { fileURLToPath as __cgFileURLToPath } from 'node:url';",
        'const require = __cgCreateRequire(import.meta.url);',
        'const __filename = __cgFileURLToPath(import.meta.url);',
        'const __dirname = __cgDirname(__filename);',
      ].join(' '),
    },
  });
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

/** Whether an import of a package is joined into the bundle or left to node_modules. */
function bundles(specifier: string, importer: string): boolean {
  if (specifier.startsWith('node:')) return false;
  // Required from inside a joined package: part of it.
  if (importer.includes('/node_modules/') || importer.includes('\\node_modules\\')) return true;
  const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
  return BUNDLED_PACKAGES.has(name);
}
