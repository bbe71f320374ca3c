/**
 * Issue 10: the runtime and the CLI are publishable the way connectors are: `npm pack` (whose
 * prepack builds dist/) gives a tarball that publint and arethetypeswrong find nothing wrong with.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkTarball } from '../generator/src/publish/check.js';
import { REPO_ROOT } from './helpers/generate.js';
import { npm } from './helpers/npm.js';

const cleanup: string[] = [];
afterAll(async () => {
  for (const dir of cleanup) await rm(dir, { recursive: true, force: true });
});

describe.each(['runtime', 'generator'])('the %s package', (workspace) => {
  it('packs with dist/ and passes publint and arethetypeswrong', { timeout: 400_000 }, async () => {
    const dest = await mkdtemp(join(tmpdir(), 'cg-publishable-'));
    cleanup.push(dest);
    const { stdout } = await npm(['pack', '--json', '--pack-destination', dest], join(REPO_ROOT, workspace));
    const [info] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
    const files = info!.files.map((f) => f.path);
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/index.d.ts');
    expect(files.some((f) => f.endsWith('.test.js'))).toBe(false);
    if (workspace === 'generator') expect(files).toEqual(expect.arrayContaining(['bin/run.js', 'dist/commands/publish.js', 'templates/connector/package.json.hbs']));
    expect(await checkTarball(new Uint8Array(await readFile(join(dest, info!.filename))))).toEqual([]);
  });
});
