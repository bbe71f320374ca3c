/**
 * Issue 10 (regenerate): a round trip through a spec change. The user's edit and custom files
 * survive, a removed action's file goes, the version follows the diff's semver, CHANGELOG.md gets
 * the changes, a real collision is reported with conflict markers, and the real types agree with
 * the diff (ts-morph cross-check).
 */
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateConnector } from '../generator/src/pipeline.js';
import { regenerateConnector } from '../generator/src/regenerate/index.js';
import { runCli } from './helpers/cli.js';
import { REPO_ROOT, TMP_ROOT } from './helpers/generate.js';
import { tsc } from './helpers/tsc.js';

type Doc = any;
const NOW = () => new Date('2026-11-30T12:00:00Z');

async function project(): Promise<{ dir: string; spec: string; pkg: string; base: Doc }> {
  await mkdir(TMP_ROOT, { recursive: true });
  const dir = await mkdtemp(join(TMP_ROOT, 'regenerate-'));
  const base = JSON.parse(await readFile(join(REPO_ROOT, 'specs/diff/base.json'), 'utf8'));
  const spec = join(dir, 'openapi.json');
  await writeFile(spec, JSON.stringify(base, null, 2));
  const pkg = join(dir, 'pkg');
  await generateConnector(spec, pkg);
  return { dir, spec, pkg, base };
}

async function edit(path: string, change: (text: string) => string): Promise<void> {
  await writeFile(path, change(await readFile(path, 'utf8')));
}

describe('regenerate', { timeout: 240_000 }, () => {
  it('keeps edits and custom files, removes a deleted action group, bumps major, writes CHANGELOG.md; the result compiles', async () => {
    const { spec, pkg, base } = await project();
    // The user's edits: a helper exported from index.ts, a custom module, a file of their own.
    await edit(join(pkg, 'src/index.ts'), (t) => t + '\nexport const ticketsHelpVersion = 1;\n');
    await mkdir(join(pkg, 'src/custom'), { recursive: true });
    await writeFile(join(pkg, 'src/custom/escalate.ts'), 'export const escalate = (id: string): string => `escalate ${id}`;\n');
    await writeFile(join(pkg, 'NOTES.md'), 'my notes\n');

    // The vendor removes the agents API and a ticket property, and adds a filter.
    delete base.paths['/agents'];
    delete base.components.schemas.Agent;
    delete base.components.schemas.Ticket.properties.priority;
    base.paths['/tickets'].get.parameters.push({ name: 'team', in: 'query', schema: { type: 'string' } });
    base.info.version = '1.1.0';
    await writeFile(spec, JSON.stringify(base, null, 2));

    const dry = await regenerateConnector(pkg, { dryRun: true, now: NOW });
    expect(dry).toMatchObject({ previousVersion: '1.0.0', version: '2.0.0', bump: 'major', dryRun: true });
    expect(await readdir(join(pkg, 'src/actions'))).toEqual(['agents.ts', 'tickets.ts']);

    const result = await regenerateConnector(pkg, { now: NOW });
    expect(result.plan.conflicts).toEqual([]);
    expect(result.apiMismatches).toEqual([]);
    expect(result.diff.changes.map((c) => c.code)).toEqual(
      expect.arrayContaining(['action-removed', 'property-removed', 'schema-removed', 'parameter-added-optional']),
    );
    expect(await readdir(join(pkg, 'src/actions'))).toEqual(['tickets.ts']);
    expect(await readFile(join(pkg, 'src/index.ts'), 'utf8')).toContain('export const ticketsHelpVersion = 1;');
    expect(await readFile(join(pkg, 'src/custom/escalate.ts'), 'utf8')).toContain('escalate');
    expect(await readFile(join(pkg, 'NOTES.md'), 'utf8')).toBe('my notes\n');
    expect(JSON.parse(await readFile(join(pkg, 'package.json'), 'utf8')).version).toBe('2.0.0');
    const changelog = await readFile(join(pkg, 'CHANGELOG.md'), 'utf8');
    expect(changelog).toMatch(/^# Changelog\n\n## 2\.0\.0 \(2026-11-30\)\n\nRegenerated from Tickets 1\.1\.0; semver bump: major\./);
    expect(changelog).toContain('action `listAgents`: removed');
    expect(await readFile(join(pkg, 'src/types.ts'), 'utf8')).toMatch(/export type Ticket = \{\n  id: string;\n  subject: string;\n  status: Status;\n  assignee\?: string \| null;\n\};/);

    // The merged package compiles, the custom module included.
    const compiled = await tsc(pkg, { noEmit: true });
    expect(compiled.errors).toEqual([]);

    // Nothing changed since: a second run bumps nothing and writes no new changelog entry.
    const again = await regenerateConnector(pkg, { now: NOW });
    expect(again).toMatchObject({ bump: 'none', version: '2.0.0', changelog: false });
    expect((await readFile(join(pkg, 'CHANGELOG.md'), 'utf8')).match(/^## /gm)).toHaveLength(1);
  });

  it('reports a real conflict with markers and exit 1, and keeps a removed file the user edited', async () => {
    const { spec, pkg, base } = await project();
    await edit(join(pkg, 'src/types.ts'), (t) => t.replace(/(export type Ticket = \{[^}]*?)priority\?: number;/, '$1priority?: number; // 1 (urgent) to 5'));
    await edit(join(pkg, 'src/actions/agents.ts'), (t) => t + '\n// agents are synced nightly\n');
    delete base.paths['/agents'];
    base.components.schemas.Ticket.properties.priority = { type: 'string', enum: ['low', 'high'] };
    await writeFile(spec, JSON.stringify(base, null, 2));

    const result = await runCli(['regenerate', pkg]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('conflict CG_MERGE_CONFLICT src/types.ts');
    expect(result.stderr).toContain('conflict CG_MERGE_CONFLICT src/actions/agents.ts');
    expect(result.stdout).toContain('version 1.0.0 -> 2.0.0 (major)');
    const types = await readFile(join(pkg, 'src/types.ts'), 'utf8');
    expect(types).toMatch(/<<<<<<< yours\n.*priority\?: number; \/\/ 1 \(urgent\) to 5\n=======\n.*priority\?: "low" \| "high";\n>>>>>>> regenerated\n/s);
    expect(await readFile(join(pkg, 'src/actions/agents.ts'), 'utf8')).toContain('synced nightly');
  });

  it('refuses a directory connectgen did not generate (exit 2)', async () => {
    const result = await runCli(['regenerate', join(REPO_ROOT, 'specs')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error CG_NOT_GENERATED_PACKAGE /m);
  });
});
