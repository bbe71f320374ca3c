/**
 * `connectgen sync run|status|audit|conflicts|dead-letters|schedule` as a user runs them: a sync YAML naming a generated,
 * built connector (Petstore) whose API is a 127.0.0.1 server, into the SQLite store, and into a real
 * PostgreSQL server given as `--store postgres://...`.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../runtime/src/sync/index.js';
import { describeWithPostgres, startPostgres, type TestPostgres } from '../runtime/src/testing/postgres.js';
import { json, startServer, type TestServer } from '../runtime/src/testing/server.js';
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

  /** The Petstore connector's listPets against the test server, as YAML lines. */
  const petsSource = (): string[] => [
    'source:',
    `  connector: ${path.relative(dir, connectorDir)}`,
    '  action: listPets',
    '  options:',
    `    baseUrl: ${server.origin}`,
    '    auth: { apiKey: "${PETSTORE_KEY}" }',
  ];

  it('runs a sync from a YAML file, then shows it in status and the audit trail', async () => {
    const sync = await file(
      'pets.sync.yaml',
      [
        'id: pets',
        'mode: full',
        'idPath: id',
        'pageSize: 7',
        ...petsSource(),
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
  });

  it('refuses a bad definition with the code, file:line:column, pointer and a hint', async () => {
    const sync = await file('bad.sync.yaml', 'id: pets\nmode: sometimes\nidPath: id\nsource: { store: a }\ndestination: { store: b }\n');
    const result = await runCli(['sync', 'run', sync, '--store', store]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error CG_SYNC_DEFINITION .*bad\.sync\.yaml:2:1: invalid sync definition: "mode" must be one of full, incremental \(at \/mode\)/);
  });

  it('warns when an incremental two-way sync cannot see one side\'s deletions (CG_SYNC_DELETIONS_UNSEEN), and runs', async () => {
    const lines = (extra: string[]) => [
      'id: pets-two-way',
      'mode: incremental',
      'direction: both',
      'conflict: source-wins',
      'idPath: id',
      'cursor: { field: id }',
      'source: { store: local-pets }',
      ...petsSource().map((l) => l.replace(/^source:/, 'destination:')),
      '  upsert: { action: createPet, id: id }',
      ...extra,
      '',
    ].join('\n');
    const unseen = await runCli(['sync', 'run', await file('two-way.sync.yaml', lines([])), '--store', store]);
    expect(unseen.code, unseen.stderr).toBe(0);
    expect(unseen.stderr).toMatch(/two-way\.sync\.yaml warn CG_SYNC_DELETIONS_UNSEEN records deleted at the destination .*\(at \/destination\)\n  Try this: .*tombstone/);
    expect(unseen.stdout).toMatch(/^succeeded pets-two-way: 30 read, 30 created/);
    const signalled = await runCli(['sync', 'run', await file('two-way.sync.yaml', lines(['  tombstone: { path: status, equals: deleted }'])), '--store', store]);
    expect(signalled.code, signalled.stderr).toBe(0);
    expect(signalled.stderr).not.toContain('CG_SYNC_DELETIONS_UNSEEN');
  });

  it('runs a two-way sync whose sides keep the id at different paths, and refuses one whose mapping drops it', async () => {
    // The local copy keeps the pet's id at petId (its own shape); the Petstore keeps it at id.
    const lines = (reverseTarget: string) => [
      'id: pets-by-pet-id',
      'mode: full',
      'direction: both',
      'conflict: source-wins',
      'idPath: petId',
      'source: { store: pets-by-pet-id }',
      ...petsSource().map((l) => l.replace(/^source:/, 'destination:')),
      '  idPath: id',
      '  upsert: { action: createPet, id: id }',
      'mapping: { mappings: [{ source: petId, target: id }, { source: title, target: name }, { source: status, target: status }] }',
      `reverseMapping: { mappings: [{ source: id, target: ${reverseTarget} }, { source: name, target: title }, { source: status, target: status }] }`,
      '',
    ].join('\n');
    const sync = await file('by-pet-id.sync.yaml', lines('petId'));
    const first = await runCli(['sync', 'run', sync, '--store', store, '--json']);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ status: 'succeeded', counts: { created: 30, errors: 0 } });
    const records = await runCli(['sync', 'records', 'pets-by-pet-id', '--store', store, '--limit', '1']);
    expect(JSON.parse(records.stdout.trim())).toMatchObject({ id: '1', data: { petId: 1, title: 'pet 1', status: 'available' } });
    const again = await runCli(['sync', 'run', sync, '--store', store, '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 'succeeded', counts: { created: 0, updated: 0, skipped: 30 } });

    const dropped = await runCli(['sync', 'run', await file('by-pet-id.sync.yaml', lines('title2')), '--store', store]);
    expect(dropped.code).toBe(2);
    expect(dropped.stderr).toMatch(/^error CG_SYNC_DEFINITION .*by-pet-id\.sync\.yaml:\d+:\d+: invalid sync definition: .*reverseMapping must write the id at "petId" \(at \/reverseMapping\)/);
  });

  it('lists a poison record once however often it fails again', async () => {
    const sync = await file(
      'strict.sync.yaml',
      [
        'id: strict-pets',
        'mode: full',
        'idPath: id',
        'pageSize: 10',
        ...petsSource(),
        'destination: { store: strict, schema: { type: object, properties: { id: { maximum: 29 } } } }',
        '',
      ].join('\n'),
    );
    for (let i = 0; i < 2; i++) expect((await runCli(['sync', 'run', sync, '--store', store])).code).toBe(1); // partial
    const list = await runCli(['sync', 'dead-letters', '--store', store, '--sync', 'strict-pets']);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/^strict-pets record 30: 2 attempts since \S+, last \S+ \(open\)\n {2}CG_SYNC_SCHEMA: \/id must be <= 29\n$/);
    const status = await runCli(['sync', 'status', '--store', store, '--sync', 'strict-pets']);
    expect(status.stdout).toMatch(/\n1 record still failing: connectgen sync dead-letters --sync strict-pets\n$/);
    const resolved = await runCli(['sync', 'dead-letters', '--store', store, '--status', 'resolved', '--json']);
    expect(JSON.parse(resolved.stdout)).toEqual([]);
  });

  it('runs a schedule in the foreground, one run per fire time, and refuses a sync without one', async () => {
    const local = openSqliteStore(store);
    await local.putRecords('inbox', [{ id: 'a', data: { id: 'a' } }], Date.now());
    await local.close();
    const body = ['id: every-second', 'mode: full', 'idPath: id', 'source: { store: inbox }', 'destination: { store: outbox }'];
    const scheduled = await file('scheduled.sync.yaml', [...body, 'schedule: { cron: "* * * * * *", timezone: Europe/Berlin }', ''].join('\n'));
    const result = await runCli(['sync', 'schedule', scheduled, '--store', store, '--max-runs', '2']);
    expect(result.code, result.stderr).toBe(0);
    const ran = result.stdout.split('\n').filter((line) => line.includes('succeeded every-second'));
    expect(ran).toHaveLength(2);
    expect(ran[0]).toMatch(/1 read, 1 created/);
    expect(ran[1]).toMatch(/1 read, 0 created, 0 updated, 0 deleted, 1 skipped/);

    const unscheduled = await file('unscheduled.sync.yaml', [...body, ''].join('\n'));
    const refused = await runCli(['sync', 'schedule', unscheduled, '--store', store]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/CG_SYNC_NO_SCHEDULE .*unscheduled\.sync\.yaml/);
  });

  it('lists conflicts and refuses to resolve one that does not exist', async () => {
    const list = await runCli(['sync', 'conflicts', '--store', store]);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toBe('no conflicts\n');
    const resolve = await runCli(['sync', 'conflicts', '--store', store, '--resolve', '99', '--use', 'source']);
    expect(resolve.code).toBe(2);
    expect(resolve.stderr).toMatch(/CG_SYNC_NO_CONFLICT/);
  });

  describeWithPostgres('with --store postgres://', () => {
    let postgres: TestPostgres;
    beforeAll(async () => {
      postgres = await startPostgres();
    });
    afterAll(async () => {
      await postgres?.stop();
    });

    it('runs the sync into PostgreSQL and reads runs and records back from it', async () => {
      const url = await postgres.newDatabase();
      const sync = await file('pg-pets.sync.yaml', ['id: pets', 'mode: full', 'idPath: id', 'pageSize: 7', ...petsSource(), 'destination: { store: pets }', ''].join('\n'));
      const run = await runCli(['sync', 'run', sync, '--store', url, '--json']);
      expect(run.code, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ status: 'succeeded', counts: { read: 30, created: 30 } });
      // The environment variable works as the flag does.
      const status = await runCli(['sync', 'status', '--json'], { env: { CONNECTGEN_SYNC_DB: url } });
      expect(status.code, status.stderr).toBe(0);
      expect(JSON.parse(status.stdout)).toMatchObject([{ syncId: 'pets', status: 'succeeded' }]);
      const records = await runCli(['sync', 'records', 'pets', '--store', url, '--limit', '1']);
      expect(records.stdout.trim().split('\n').map((line) => JSON.parse(line).data)).toMatchObject([{ id: 1, name: 'pet 1' }]);
    });

    it('an unreachable database is CG_STORE_CONNECT, without the password', async () => {
      const url = postgres.url.replace('postgres@', 'postgres:s3cret-pw@').replace(/\/postgres$/, '/no_such_db');
      const result = await runCli(['sync', 'status', '--store', url]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^error CG_STORE_CONNECT cannot connect to the PostgreSQL store at postgres:\/\/postgres:\*\*\*@/);
      expect(result.stderr).toContain('Try this:');
      expect(result.stderr).not.toContain('s3cret-pw');
    });
  });
});
