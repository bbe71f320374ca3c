/**
 * `connectgen sync run|status|audit|conflicts` as a user runs them: a sync YAML naming a generated,
 * built connector (Petstore) whose API is a 127.0.0.1 server, into the SQLite store.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../runtime/src/testing/server.js';
import { repoRoot, runCli } from './helpers/cli.js';
import { generateAndBuild } from './helpers/generated-package.js';
import { petsOf, startPetsApi } from './helpers/petstore-api.js';

const KEY = 'pk-91c3e0d2-secret';
const pets = petsOf(30);

describe('connectgen sync', () => {
  let server: TestServer;
  let dir: string;
  let connectorDir: string;
  let store: string;

  beforeAll(async () => {
    connectorDir = (await generateAndBuild(path.join(repoRoot, 'specs/petstore/connector.yaml'), 'sync-petstore')).dir;
    server = await startPetsApi(KEY, pets);
    dir = await mkdtemp(path.join(tmpdir(), 'cg-sync-cli-'));
    store = path.join(dir, 'state', 'sync.db');
    process.env['PETSTORE_KEY'] = KEY;
  }, 120_000);
  afterAll(async () => {
    await server?.close();
  });

  const file = async (name: string, text: string): Promise<string> => {
    const p = path.join(dir, name);
    await writeFile(p, text);
    return p;
  };

  it('runs a sync from a YAML file, then shows it in status and the audit trail', async () => {
    const sync = await file(
      'pets.sync.yaml',
      [
        'id: pets',
        'mode: full',
        'idPath: id',
        'pageSize: 7',
        'source:',
        `  connector: ${path.relative(dir, connectorDir)}`,
        '  action: listPets',
        '  options:',
        `    baseUrl: ${server.origin}`,
        '    auth: { apiKey: "${PETSTORE_KEY}" }',
        'destination: { store: pets }',
        'mapping:',
        '  mappings:',
        '    - { source: id, target: id }',
        '    - { source: name, target: name, transformation: uppercase }',
        '',
      ].join('\n'),
    );
    const run = await runCli(['sync', 'run', sync, '--store', store]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^succeeded pets: 30 read, 30 created, 0 updated, 0 deleted, 0 skipped, 0 conflicts, 0 errors, 6 pages/);
    expect(run.stdout + run.stderr).not.toContain(KEY);

    const again = await runCli(['sync', 'run', sync, '--store', store, '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 'succeeded', counts: { read: 30, created: 0, skipped: 30 } });

    const status = await runCli(['sync', 'status', '--store', store, '--json']);
    expect(JSON.parse(status.stdout).map((r: { status: string }) => r.status)).toEqual(['succeeded', 'succeeded']);

    const audit = await runCli(['sync', 'audit', 'pets', '--store', store, '--record', '7']);
    expect(audit.code, audit.stderr).toBe(0);
    expect(audit.stdout).toMatch(/skip\s+7/);
    expect(audit.stdout).toMatch(/create\s+7 {2}after \{"id":7,"name":"PET 7"\}/);

    const records = await runCli(['sync', 'records', 'pets', '--store', store, '--limit', '2']);
    expect(records.code, records.stderr).toBe(0);
    expect(records.stdout.trim().split('\n').map((line) => JSON.parse(line).data)).toEqual([{ id: 1, name: 'PET 1' }, { id: 2, name: 'PET 2' }]);
  }, 60_000);

  it('refuses a bad definition with the code, file:line:column, pointer and a hint', async () => {
    const sync = await file('bad.sync.yaml', 'id: pets\nmode: sometimes\nidPath: id\nsource: { store: a }\ndestination: { store: b }\n');
    const result = await runCli(['sync', 'run', sync, '--store', store]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error CG_SYNC_DEFINITION .*bad\.sync\.yaml:2:1: invalid sync definition: "mode" must be one of full, incremental \(at \/mode\)/);
  });

  it('lists conflicts and refuses to resolve one that does not exist', async () => {
    const list = await runCli(['sync', 'conflicts', '--store', store]);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toBe('no conflicts\n');
    const resolve = await runCli(['sync', 'conflicts', '--store', store, '--resolve', '99', '--use', 'source']);
    expect(resolve.code).toBe(2);
    expect(resolve.stderr).toMatch(/CG_SYNC_NO_CONFLICT/);
  });
});
