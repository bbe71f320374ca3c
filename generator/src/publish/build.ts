/**
 * Build a package with the TypeScript compiler: `tsc -p <dir>`, which for a generated package emits
 * dist/ with declarations (its tsconfig says so). The package's own TypeScript (a devDependency) is
 * preferred, then the one installed beside connectgen.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ConnectgenError } from '../diagnostics/errors.js';

export async function buildPackage(dir: string): Promise<void> {
  const tsc = await findTsc(dir);
  await new Promise<void>((resolve, reject) => {
    execFile(process.execPath, [tsc, '-p', dir, '--pretty', 'false'], { cwd: dir, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error) return resolve();
      const errors = `${stdout}${stderr}`.split('\n').filter((line) => /error TS\d+/.test(line));
      reject(
        new ConnectgenError('CG_PUBLISH_BUILD_FAILED', `tsc found ${errors.length} error(s): ${errors.slice(0, 3).join(' | ')}`, {
          file: dir,
          hint: 'fix the type errors (after a regenerate: resolve conflict markers first), then publish again',
        }),
      );
    });
  });
}

async function findTsc(dir: string): Promise<string> {
  for (const from of [join(dir, 'package.json'), import.meta.filename]) {
    try {
      const manifest = createRequire(from).resolve('typescript/package.json');
      const { bin } = JSON.parse(await readFile(manifest, 'utf8')) as { bin?: { tsc?: string } };
      if (bin?.tsc) return join(dirname(manifest), bin.tsc);
    } catch {
      // not installed there; try the next place
    }
  }
  throw new ConnectgenError('CG_PUBLISH_NO_TYPESCRIPT', 'no TypeScript compiler found to build the package', {
    file: dir,
    hint: 'run `npm install` in the package (typescript is one of its devDependencies)',
  });
}
