/**
 * A generated package's `npm run typecheck` (the command in its package.json, run with the real tsc):
 * it passes on the package as generated, writes nothing, and fails on a type error; the build still
 * emits declarations. The script leaves out the declaration emitter's pass (`--declaration false`),
 * which is the build's job and about a fifth of Stripe's package's check time.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { generateInto, REPO_ROOT } from './helpers/generate.js';
import { tsc } from './helpers/tsc.js';

const run = promisify(execFile);

async function typecheckScript(dir: string): Promise<{ code: number; output: string }> {
  const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const [command, ...args] = pkg.scripts['typecheck']!.split(/\s+/);
  expect(command).toBe('tsc');
  try {
    const { stdout, stderr } = await run(join(REPO_ROOT, 'node_modules', '.bin', 'tsc'), [...args, '--pretty', 'false'], { cwd: dir });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : 1, output: (failed.stdout ?? '') + (failed.stderr ?? '') };
  }
}

it('npm run typecheck passes on the generated package, writes nothing, and catches a type error', async () => {
  const { dir } = await generateInto('specs/petstore/connector.yaml', 'typecheck-script');
  const clean = await typecheckScript(dir);
  expect(clean, clean.output).toEqual({ code: 0, output: '' });
  expect(existsSync(join(dir, 'dist'))).toBe(false);

  const built = await tsc(dir);
  expect(built.errors).toEqual([]);
  expect(existsSync(join(dir, 'dist', 'index.d.ts'))).toBe(true);

  await appendFile(join(dir, 'src', 'index.ts'), '\nexport const broken: number = "not a number";\n');
  const broken = await typecheckScript(dir);
  expect(broken.code).not.toBe(0);
  expect(broken.output).toMatch(/src\/index\.ts\(\d+,\d+\): error TS2322/);
}, 120_000);
