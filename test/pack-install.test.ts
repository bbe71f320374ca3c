/**
 * Issue 8 (packages a user can install): a generated package packs with its dist/ (the `prepack`
 * build), and its tarball, installed with the runtime's into an empty directory outside the
 * repository, imports and calls the API.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { generateInto, REPO_ROOT } from './helpers/generate.js';
import { emptyProject, npm, pack, packRuntimeDependencies } from './helpers/npm.js';
import { startServer } from './helpers/server.js';

const exec = promisify(execFile);
const cleanup: string[] = [];
afterAll(async () => {
  for (const dir of cleanup) await rm(dir, { recursive: true, force: true });
});

describe('npm pack of a generated connector', () => {
  it('holds dist/ and installs with the runtime into an empty directory, where it calls the API', { timeout: 300_000 }, async () => {
    const { dir } = await generateInto('specs/petstore/connector.yaml', 'pack-install-petstore');
    const tarballs = await mkdtemp(join(tmpdir(), 'cg-tarballs-'));
    cleanup.push(tarballs);
    const connector = await pack(dir, tarballs);
    const { stdout: listing } = await exec('tar', ['-tzf', connector]);
    expect(listing.split('\n')).toEqual(expect.arrayContaining(['package/dist/index.js', 'package/dist/index.d.ts', 'package/connector.json', 'package/README.md']));
    expect(listing).not.toContain('package/src/');
    expect(listing).not.toContain('.connectgen');

    const runtime = await pack(join(REPO_ROOT, 'runtime'), tarballs);
    const app = await emptyProject('cg-app-');
    cleanup.push(app);
    await npm(['install', '--offline', '--ignore-scripts', ...(await packRuntimeDependencies(tarballs)), runtime, connector], app);

    const server = await startServer((request) => ({ body: { id: Number(request.path.split('/').pop()), name: 'Rex', kind: 'dog' } }));
    try {
      await writeFile(
        join(app, 'call.mjs'),
        `import { createPetstoreConnector } from '@connectgen-examples/petstore';
const petstore = createPetstoreConnector({ baseUrl: process.env.BASE_URL, auth: { apiKey: 'k-1' }, retry: false });
console.log(JSON.stringify(await petstore.getPet({ petId: 7 })));
await petstore.close();
`,
      );
      const { stdout } = await exec(process.execPath, ['call.mjs'], { cwd: app, env: { ...process.env, BASE_URL: `${server.url}/v1` } });
      expect(JSON.parse(stdout)).toEqual({ id: 7, name: 'Rex', kind: 'dog' });
      expect(server.requests[0]).toMatchObject({ method: 'GET', path: '/v1/pets/7' });
      expect(server.requests[0]!.headers['x-api-key']).toBe('k-1');
    } finally {
      await server.close();
    }
  });
});
