/**
 * `connectgen diff` as a user runs it: two specs, a generated package against a spec, the three
 * output formats, and --fail-on breaking for CI.
 */
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { REPO_ROOT, TMP_ROOT } from './helpers/generate.js';

async function changedSpec(): Promise<{ oldSpec: string; newSpec: string; dir: string }> {
  await mkdir(TMP_ROOT, { recursive: true });
  const dir = await mkdtemp(join(TMP_ROOT, 'diff-cli-'));
  const oldSpec = join(REPO_ROOT, 'specs/diff/base.json');
  const doc = JSON.parse(await readFile(oldSpec, 'utf8'));
  delete doc.paths['/tickets/{ticketId}'].delete;
  doc.components.schemas.Ticket.properties.tags = { type: 'array', items: { type: 'string' } };
  const newSpec = join(dir, 'new.json');
  await writeFile(newSpec, JSON.stringify(doc, null, 2));
  return { oldSpec, newSpec, dir };
}

describe('connectgen diff', { timeout: 240_000 }, () => {
  it('lists breaking and additive changes with pointers, and exits 1 only with --fail-on breaking', async () => {
    const { oldSpec, newSpec } = await changedSpec();
    const text = await runCli(['diff', oldSpec, newSpec]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Breaking changes (1):');
    expect(text.stdout).toContain('action `deleteTicket`: removed (DELETE /tickets/{ticketId})');
    expect(text.stdout).toContain('old /paths/~1tickets~1{ticketId}/delete');
    expect(text.stdout).toMatch(/semver bump major$/m);

    const failing = await runCli(['diff', oldSpec, newSpec, '--json', '--fail-on', 'breaking']);
    expect(failing.code).toBe(1);
    const json = JSON.parse(failing.stdout);
    expect(json.bump).toBe('major');
    expect(json.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'action-removed', breaking: true, oldPointer: '/paths/~1tickets~1{ticketId}/delete' }),
        expect.objectContaining({ code: 'property-added', breaking: false, schema: 'Ticket', newPointer: '/components/schemas/Ticket/properties/tags' }),
      ]),
    );

    const markdown = await runCli(['diff', oldSpec, newSpec, '--format', 'markdown']);
    expect(markdown.stdout).toContain('### Breaking changes');
    expect(markdown.stdout).toContain('Semver bump: **major**.');
  });

  it('compares a generated package (its .connectgen snapshot) with a spec', async () => {
    const { oldSpec, newSpec, dir } = await changedSpec();
    const pkg = join(dir, 'pkg');
    expect((await runCli(['generate', oldSpec, '--out', pkg, '-q'])).code).toBe(0);
    const same = await runCli(['diff', pkg, oldSpec, '--fail-on', 'any']);
    expect(same).toMatchObject({ code: 0, stdout: 'no changes to the public surface (bump: none)\n' });
    const changed = await runCli(['diff', pkg, newSpec, '--json']);
    expect(JSON.parse(changed.stdout).counts).toEqual({ breaking: 1, additive: 1, patch: 0 });
  });

  it('exits 2 with a coded error for a directory that is no generated package', async () => {
    const result = await runCli(['diff', join(REPO_ROOT, 'specs'), join(REPO_ROOT, 'specs/diff/base.json')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error CG_NOT_GENERATED_PACKAGE /m);
  });
});
