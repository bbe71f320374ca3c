/**
 * An incremental two-way run between two APIs, SIGKILLed at random points again and again and
 * resumed each time, ends with both sides in step: every change and deletion on either side carried
 * over, none twice in the audit trail, one run resumed across every kill. A real node process runs
 * the built runtime against a real SQLite file and two real HTTP servers.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { recordsApiOperations, startRecordsApi, type ApiRecord, type RecordsApi } from '../../../testing/records-api.js';
import { openStore } from '../../store/open.js';

const CHILD = path.resolve(import.meta.dirname, '../../../testing/sync-child.mjs');
const KILLS = 8;
const RECORDS = 120;
const TIMEOUT_MS = 180_000;

let dir: string;
let source: RecordsApi;
let target: RecordsApi | undefined;
const id = (i: number) => `r${String(i).padStart(3, '0')}`;
const rec = (i: number, name: string, day: number, extra: object = {}): ApiRecord => ({ id: id(i), name, meta: { updated_at: `2026-01-0${day}T00:00:${String(i % 60).padStart(2, '0')}Z` }, ...extra });

interface Variant {
  /** The field the destination API keys its records by (where it keeps the shared id). */
  readonly key: string;
  /** What the definition adds for this variant (the destination's idPath, the mappings). */
  readonly definition: Record<string, unknown>;
  /** A source record as the destination holds it, and back. */
  readonly toTarget: (r: ApiRecord) => ApiRecord;
  readonly toSource: (r: ApiRecord) => ApiRecord;
}

const same: Variant = { key: 'id', definition: {}, toTarget: (r) => r, toSource: (r) => r };
/** The app keeps the source's id at `externalId` and its own at `id`; its fields are named its own way. */
const externalId: Variant = {
  key: 'externalId',
  definition: {
    idPath: 'externalId',
    mapping: { mappings: [{ source: 'id', target: 'externalId' }, { source: 'name', target: 'fullName' }, { source: 'meta.updated_at', target: 'updated_at' }] },
    reverseMapping: { mappings: [{ source: 'externalId', target: 'id' }, { source: 'fullName', target: 'name' }, { source: 'updated_at', target: 'meta.updated_at' }] },
  },
  toTarget: (r) => ({ id: `own-${r.id}`, externalId: r.id, fullName: r['name'], updated_at: (r['meta'] as { updated_at: string }).updated_at }),
  toSource: (r) => ({ id: String(r['externalId']), name: r['fullName'], meta: { updated_at: r['updated_at'] } }),
};

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'cg-bidi-kill-'));
  source = await startRecordsApi(Array.from({ length: RECORDS }, (_, i) => rec(i, `source ${i}`, 1)));
});
afterEach(async () => {
  await source.close();
  await target?.close();
  target = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const config = (variant: Variant) => {
  const { idPath, ...mappings } = variant.definition;
  return {
    origin: source.origin,
    target: target!.origin,
    store: path.join(dir, 'sync.db'),
    operations: recordsApiOperations,
    definition: {
      id: 'two-way',
      source: { action: 'listItems', sinceParam: 'updatedSince', tombstone: { path: 'deleted', equals: true }, upsert: { action: 'putItem', id: 'id' }, delete: { action: 'deleteItem', id: 'id' } },
      destination: { action: 'listItems', ...(idPath ? { idPath } : {}), sinceParam: 'updatedSince', deletions: { action: 'listDeletions', sinceParam: 'deletedSince' }, upsert: { action: 'putItem', id: 'id' }, delete: { action: 'deleteItem', id: 'id' } },
      idPath: 'id',
      mode: 'incremental',
      direction: 'both',
      conflict: 'source-wins',
      cursor: { field: 'meta.updated_at' },
      pageSize: 10,
      ...mappings,
    },
  };
};

/** Runs the child once; with `killAt`, SIGKILLs it at that list request (of either API) or a moment after. */
function runChild(variant: Variant, killAt: number | undefined): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CHILD, JSON.stringify(config(variant))], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let lists = 0;
    const onList = () => {
      if (killAt === undefined || ++lists !== killAt) return;
      const delay = Math.floor(Math.random() * 4);
      if (delay === 0) child.kill('SIGKILL');
      else setTimeout(() => child.kill('SIGKILL'), delay - 1);
    };
    source.onList = onList;
    target!.onList = onList;
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

it.each([
  ['both sides keep the id at the same path', same],
  ['the destination keeps the id at externalId, its own id elsewhere', externalId],
])('an incremental two-way run killed with SIGKILL at random points and resumed (%s): both sides in step, each change once in the audit trail', async (_, variant) => {
  const api = await startRecordsApi([], { key: variant.key });
  target = api;
  for (let i = 0; i < 2; i++) expect((await runChild(variant, undefined)).code).toBe(0); // in step; the second run sets the destination's cursor
  expect(api.records.size).toBe(RECORDS);

  const edited = new Set<string>();
  const deleted = new Set<string>();
  for (let i = 0; i < 20; i++) {
    source.records.set(id(i), rec(i, `source ${i} edited`, 3)); // r000..r019 edited at the source
    const own = api.records.get(id(20 + i))!.id;
    api.records.set(id(20 + i), { ...variant.toTarget(rec(20 + i, `target ${20 + i} edited`, 3)), id: own }); // r020..r039 at the destination
    edited.add(id(i)).add(id(20 + i));
  }
  for (let i = 40; i < 50; i++) {
    source.records.set(id(i), rec(i, `source ${i}`, 3, { deleted: true })); // r040..r049 soft-deleted at the source
    const own = api.records.get(id(i + 10))!.id;
    api.records.delete(id(i + 10)); // r050..r059 deleted at the destination, listed in its feed by both its ids
    api.deletions.push({ id: own, [variant.key]: id(i + 10), deleted_at: '2026-01-03T00:00:00Z' });
    deleted.add(id(i)).add(id(i + 10));
  }
  api.deletedAt = () => '2026-01-03T00:00:00Z';

  let kills = 0;
  let final: { status?: string; id?: string } | undefined;
  for (let attempt = 0; attempt < KILLS * 3 && kills < KILLS && !final; attempt++) {
    const result = await runChild(variant, 1 + Math.floor(Math.random() * 6));
    if (result.signal === 'SIGKILL') kills++;
    else {
      expect(result.code, result.stderr).toBe(0);
      final = JSON.parse(result.stdout) as { status: string; id: string };
    }
  }
  if (!final) {
    const last = await runChild(variant, undefined);
    expect(last.code, last.stderr).toBe(0);
    final = JSON.parse(last.stdout) as { status: string; id: string };
  }
  expect(kills).toBeGreaterThan(0);
  expect(final.status).toBe('succeeded');

  const live = (api: RecordsApi) => new Map([...api.records].filter(([, r]) => r['deleted'] !== true));
  const [a, b] = [live(source), live(api)];
  expect([...a.keys()].sort()).toEqual([...b.keys()].sort()); // no record doubled, none lost
  expect(a.size).toBe(RECORDS - deleted.size);
  for (const [key, r] of a) expect(variant.toSource(b.get(key)!)).toEqual(r);
  expect(a.get('r021')?.['name']).toBe('target 21 edited');
  const r001 = b.get('r001')!;
  expect(r001).toEqual({ ...variant.toTarget(rec(1, 'source 1 edited', 3)), id: r001.id });
  if (variant.key !== 'id') expect(r001.id).toMatch(/^app-/); // the app's own id, kept through the update

  const store = await openStore(config(variant).store);
  try {
    const trail = await store.listAudit({ syncId: 'two-way', runId: final.id!, limit: 10_000 });
    const changes = trail.filter((x) => x.action === 'update' || x.action === 'delete');
    expect(changes.map((x) => x.recordId).sort()).toEqual([...edited, ...deleted].sort()); // each once, none missing
    const runs = await store.listRuns({ syncId: 'two-way' });
    expect(runs).toHaveLength(3); // the two runs before, and one resumed across every kill
  } finally {
    await store.close();
  }
}, TIMEOUT_MS);
