/**
 * `connectgen publish` refusals that need no registry: a draft connector, and a directory that is
 * not a package. (The registry round trip is test/publish-registry.test.ts.)
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { REPO_ROOT, TMP_ROOT } from './helpers/generate.js';

describe('connectgen publish', { timeout: 300_000 }, () => {
  it('refuses a draft connector (exit 1), after building and checking it', async () => {
    await mkdir(TMP_ROOT, { recursive: true });
    const dir = await mkdtemp(join(TMP_ROOT, 'publish-draft-'));
    await writeFile(join(dir, 'connector.yaml'), `name: tickets\nstatus: draft\nspec: ${JSON.stringify(join(REPO_ROOT, 'specs/diff/base.json'))}\n`);
    expect((await runCli(['generate', join(dir, 'connector.yaml'), '--out', join(dir, 'pkg'), '-q'])).code).toBe(0);
    // Port 9 (discard) on loopback: nothing answers, so the registry question stays local.
    const result = await runCli(['publish', join(dir, 'pkg'), '--no-dry-run', '--registry', 'http://127.0.0.1:9/']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error CG_PUBLISH_REFUSED the connector is a draft/m);
    expect(result.stdout).not.toContain('published');
  });

  it('exits 2 with a coded error for a directory without package.json', async () => {
    const result = await runCli(['publish', join(REPO_ROOT, 'specs')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error CG_PUBLISH_NOT_PACKAGE /m);
  });
});
