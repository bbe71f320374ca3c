/**
 * Tests that spawn the `connectgen` CLI or compile generated connectors run the built JavaScript
 * (generator/dist, runtime/dist, generator/dist/bundle), so build once before any test file
 * starts. `tsc -b` is incremental: a no-op when nothing changed.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { writeBundle } from '../generator/src/cli/bundle.js';
import { bundleIsCurrent } from '../generator/src/cli/launch.js';
import { PACKAGE_ROOT } from '../generator/src/cli/manifest.js';
import { precompileTemplates } from '../generator/src/emit/render.js';

export default async function setup(): Promise<void> {
  const root = path.resolve(import.meta.dirname, '..');
  const tsc = path.join(root, 'node_modules', '.bin', 'tsc');
  try {
    execFileSync(tsc, ['-b', 'runtime', 'generator'], { cwd: root, stdio: 'pipe' });
  } catch (error) {
    const output = String((error as { stdout?: Buffer }).stdout ?? '') + String((error as { stderr?: Buffer }).stderr ?? '');
    // tsc still emits JavaScript when types are wrong, so CLI tests can run and say what they
    // see; `npm test` type-checks before it gets here and stops on any error.
    process.stderr.write(`warning: the build reported errors; CLI tests run on what it emitted:\n${output}\n`);
  }
  // As `npm run build` does: without it the CLI compiles the templates each run (slower, same output).
  precompileTemplates();
  // As `npm run build` does: the CLI tests then run the bundle, as users do (a bundle older than
  // this build would not run: they would run the modules tsc wrote).
  if (!bundleIsCurrent(PACKAGE_ROOT, {})) await writeBundle();
}
