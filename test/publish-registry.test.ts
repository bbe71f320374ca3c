/**
 * Issue 10 (a real publish): a private registry (Verdaccio 6.8) on 127.0.0.1 holding only the
 * runtime's own dependencies. `connectgen publish` refuses a real publish while the registry lacks
 * the runtime, publishes runtime and connector with --with-runtime, a user installs the connector
 * into an empty directory and calls the API; after a spec change `regenerate` bumps the version and
 * the new one is published on top and installed as an upgrade.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { dependencyClosure } from './helpers/dependency-tarballs.js';
import { REPO_ROOT, TMP_ROOT } from './helpers/generate.js';
import { emptyProject, npm } from './helpers/npm.js';
import { startRegistry, type Registry } from './helpers/verdaccio.js';
import { startServer, type TestServer } from './helpers/server.js';

const exec = promisify(execFile);
let registry: Registry;
let server: TestServer;
const previousUserConfig = process.env['npm_config_userconfig'];
const cleanup: string[] = [];

beforeAll(async () => {
  registry = await startRegistry();
  await registry.seed(dependencyClosure(join(REPO_ROOT, 'runtime')));
  // Every npm this test starts (directly or through the CLI) talks to the private registry only.
  process.env['npm_config_userconfig'] = registry.npmrc;
  server = await startServer((request) => ({ body: { id: request.path.split('/').pop(), subject: 'Printer on fire', status: 'open' } }));
}, 180_000);

afterAll(async () => {
  if (previousUserConfig === undefined) delete process.env['npm_config_userconfig'];
  else process.env['npm_config_userconfig'] = previousUserConfig;
  await server?.close();
  await registry?.stop();
  for (const dir of cleanup) await rm(dir, { recursive: true, force: true });
});

async function callGetTicket(app: string): Promise<unknown> {
  await writeFile(
    join(app, 'call.mjs'),
    `import { createTicketsConnector } from '@acme/tickets';
const tickets = createTicketsConnector({ baseUrl: process.env.BASE_URL, auth: { token: 't-1' }, retry: false });
console.log(JSON.stringify(await tickets.getTicket({ ticketId: 'T-9' })));
await tickets.close();
`,
  );
  const { stdout } = await exec(process.execPath, ['call.mjs'], { cwd: app, env: { ...process.env, BASE_URL: server.url } });
  return JSON.parse(stdout);
}

describe('connectgen publish to a private registry', () => {
  it('publishes runtime and connector, installs and calls it, then publishes a regenerated version as an upgrade', { timeout: 600_000 }, async () => {
    await mkdir(TMP_ROOT, { recursive: true });
    const work = await mkdtemp(join(TMP_ROOT, 'publish-'));
    const spec = JSON.parse(await readFile(join(REPO_ROOT, 'specs/diff/base.json'), 'utf8'));
    await writeFile(join(work, 'openapi.json'), JSON.stringify(spec, null, 2));
    await writeFile(join(work, 'connector.yaml'), 'name: tickets\npackage: "@acme/tickets"\nversion: 1.0.0\nspec: ./openapi.json\n');
    const pkg = join(work, 'pkg');
    expect((await runCli(['generate', join(work, 'connector.yaml'), '--out', pkg, '-q'])).code).toBe(0);

    // Dry run (the default): checks pass, nothing published, the missing runtime is pointed out.
    const dry = await runCli(['publish', pkg, '--registry', registry.url]);
    expect(dry.stderr).toContain('the registry has no @connectgen/runtime@^0.1.0');
    expect(dry.stdout).toContain('would publish @acme/tickets@1.0.0');
    expect(dry.code).toBe(0);

    // A real publish without the runtime on the registry would give users a package that cannot install.
    const refused = await runCli(['publish', pkg, '--no-dry-run', '--registry', registry.url]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('pass --with-runtime');

    const published = await runCli(['publish', pkg, '--no-dry-run', '--with-runtime', '--registry', registry.url, '--access', 'public']);
    expect(published.stderr).toBe('');
    expect(published.stdout).toContain('published @connectgen/runtime@0.1.0');
    expect(published.stdout).toContain('published @acme/tickets@1.0.0');
    expect(published.code).toBe(0);

    const app = await emptyProject('cg-registry-app-');
    cleanup.push(app);
    await npm(['install', '@acme/tickets', '--ignore-scripts', '--registry', registry.url], app);
    expect(await callGetTicket(app)).toEqual({ id: 'T-9', subject: 'Printer on fire', status: 'open' });
    expect(server.requests.at(-1)!.headers['authorization']).toBe('Bearer t-1');

    // The vendor drops the agents API: a breaking change, 2.0.0, published on top.
    delete spec.paths['/agents'];
    delete spec.components.schemas.Agent;
    await writeFile(join(work, 'openapi.json'), JSON.stringify(spec, null, 2));
    const regenerated = await runCli(['regenerate', pkg]);
    expect(regenerated.stdout).toContain('version 1.0.0 -> 2.0.0 (major)');
    expect(regenerated.code).toBe(0);
    const second = await runCli(['publish', pkg, '--no-dry-run', '--registry', registry.url]);
    expect(second.stdout).toContain('published @acme/tickets@2.0.0');
    expect(second.code).toBe(0);

    await npm(['install', '@acme/tickets@latest', '--ignore-scripts', '--registry', registry.url], app);
    const installed = JSON.parse(await readFile(join(app, 'node_modules/@acme/tickets/package.json'), 'utf8'));
    expect(installed.version).toBe('2.0.0');
    expect(await readFile(join(app, 'node_modules/@acme/tickets/CHANGELOG.md'), 'utf8')).toContain('## 2.0.0');
    expect(await callGetTicket(app)).toEqual({ id: 'T-9', subject: 'Printer on fire', status: 'open' });
  });
});
