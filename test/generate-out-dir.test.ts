/**
 * Issue 8 (safe by default): `generate --out` never writes over a user's project or over hand edits
 * of generated files without `--force`, says so clearly when --out is a file, and keeps a record of
 * what it wrote in `.connectgen/` so a second generation removes files it no longer makes.
 */
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { TMP_ROOT } from './helpers/generate.js';

async function scratch(): Promise<string> {
  await mkdir(TMP_ROOT, { recursive: true });
  return mkdtemp(join(TMP_ROOT, 'out-dir-'));
}

describe('generate --out', { timeout: 240_000 }, () => {
  it('refuses a directory holding files connectgen did not write, unless --force', async () => {
    const project = await scratch();
    await writeFile(join(project, 'package.json'), '{"name":"my-app"}\n');
    const refused = await runCli(['generate', 'specs/petstore/openapi.yaml', '--out', project]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^error CG_OUT_NOT_EMPTY .*package\.json/m);
    expect(refused.stderr).toContain('--force');
    expect(await readFile(join(project, 'package.json'), 'utf8')).toBe('{"name":"my-app"}\n');

    const forced = await runCli(['generate', 'specs/petstore/openapi.yaml', '--out', project, '--force', '--quiet']);
    expect(forced.code).toBe(0);
    expect(await readdir(join(project, '.connectgen'))).toEqual(['base.json', 'record.json', 'spec.json']);
  });

  it('names a file given as --out, with exit 2 (not CG_INTERNAL)', async () => {
    const file = join(await scratch(), 'not-a-dir.txt');
    await writeFile(file, 'x');
    const result = await runCli(['generate', 'specs/petstore/openapi.yaml', '--out', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error CG_OUT_NOT_DIRECTORY /m);
  });

  it('records what it wrote, writes again over its own unedited output, and refuses over edits', async () => {
    const out = join(await scratch(), 'pkg');
    expect((await runCli(['generate', 'specs/petstore/connector.yaml', '--out', out, '-q'])).code).toBe(0);
    const record = JSON.parse(await readFile(join(out, '.connectgen/record.json'), 'utf8'));
    expect(record).toMatchObject({ recordVersion: 1, source: expect.stringMatching(/specs\/petstore\/connector\.yaml$/), config: { name: 'petstore' } });
    expect(record.files).toEqual(expect.arrayContaining(['package.json', 'src/index.ts', 'src/actions/pets.ts']));
    const base = JSON.parse(await readFile(join(out, '.connectgen/base.json'), 'utf8'));
    expect(base['src/index.ts']).toBe(await readFile(join(out, 'src/index.ts'), 'utf8'));

    // User additions beside generated files are fine; the second run leaves them alone.
    await mkdir(join(out, 'src/custom'), { recursive: true });
    await writeFile(join(out, 'src/custom/helper.ts'), 'export const x = 1;\n');
    expect((await runCli(['generate', 'specs/petstore/connector.yaml', '--out', out, '-q'])).code).toBe(0);
    expect(await readFile(join(out, 'src/custom/helper.ts'), 'utf8')).toBe('export const x = 1;\n');

    await writeFile(join(out, 'src/index.ts'), (await readFile(join(out, 'src/index.ts'), 'utf8')) + '// mine\n');
    const edited = await runCli(['generate', 'specs/petstore/connector.yaml', '--out', out]);
    expect(edited.code).toBe(2);
    expect(edited.stderr).toMatch(/^error CG_OUT_EDITED .*src\/index\.ts/m);
    expect(edited.stderr).toContain('connectgen regenerate');
  });

  it('removes the files of a group the spec no longer has', async () => {
    const dir = await scratch();
    const spec = (tags: string[]) => ({
      openapi: '3.0.3',
      info: { title: 'Shrinking', version: '1.0.0', description: 'x' },
      servers: [{ url: 'https://api.example.com' }],
      paths: Object.fromEntries(tags.map((tag) => [`/${tag}`, { get: { operationId: `list${tag}`, tags: [tag], responses: { '200': { description: 'ok' } } } }])),
    });
    const file = join(dir, 'openapi.json');
    const out = join(dir, 'pkg');
    await writeFile(file, JSON.stringify(spec(['alpha', 'beta'])));
    expect((await runCli(['generate', file, '--out', out, '-q'])).code).toBe(0);
    expect(await readdir(join(out, 'src/actions'))).toEqual(['alpha.ts', 'beta.ts']);
    await writeFile(file, JSON.stringify(spec(['alpha'])));
    const second = await runCli(['generate', file, '--out', out]);
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('removed src/actions/beta.ts');
    expect(await readdir(join(out, 'src/actions'))).toEqual(['alpha.ts']);
  });
});
