/**
 * Tests that spawn the `connectgen` CLI or compile generated connectors run the built JavaScript
 * (generator/dist, runtime/dist), so build once before any test file starts. `tsc -b` is
 * incremental: a no-op when nothing changed.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { precompileTemplates } from '../generator/src/emit/render.js';

export default function setup(): void {
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
}
