import { describe, expect, it } from 'vitest';
import type { SyncError } from '../errors.js';
import type { SyncDefinition } from './types.js';
import { parseSyncDefinition } from './validate.js';
import { syncWarnings } from './warnings.js';

const writes = { upsert: { action: 'putItem', id: 'id' }, delete: { action: 'deleteItem', id: 'id' } };
const base = {
  id: 'contacts',
  source: { connector: './crm', action: 'listItems', ...writes },
  destination: { connector: './erp', action: 'listItems', ...writes },
  idPath: 'id',
  mode: 'incremental',
  direction: 'both',
  cursor: { field: 'updated_at' },
};
const parse = (over: object) => parseSyncDefinition({ ...base, ...over });
const codes = (def: SyncDefinition) => syncWarnings(def).map((w) => [w.code, w.pointer]);

describe('CG_SYNC_DELETIONS_UNSEEN', () => {
  it('names each connector side of an incremental two-way sync that cannot report deletions', () => {
    expect(codes(parse({}))).toEqual([['CG_SYNC_DELETIONS_UNSEEN', '/source'], ['CG_SYNC_DELETIONS_UNSEEN', '/destination']]);
    const signalled = parse({ source: { ...base.source, tombstone: { path: 'deleted' } }, destination: { ...base.destination, deletions: { action: 'listDeleted' } } });
    expect(codes(signalled)).toEqual([]);
    expect(syncWarnings(parse({ destination: { store: 'erp' } }))[0]).toMatchObject({ pointer: '/source', hint: expect.stringContaining('tombstone') });
  });

  it('says nothing where deletions are found by absence (full runs) or not propagated (onDelete: keep), or for one-way syncs', () => {
    expect(codes(parse({ mode: 'full' }))).toEqual([]);
    expect(codes(parse({ onDelete: 'keep' }))).toEqual([]);
    expect(codes(parseSyncDefinition({ id: 'x', source: { connector: './crm', action: 'listItems' }, destination: { store: 'x' }, idPath: 'id', mode: 'incremental', cursor: { field: 'updated_at' } }))).toEqual([]);
  });
});

describe('tombstone and deletions in a sync definition', () => {
  const refused = (over: object) => {
    try {
      parse(over);
    } catch (error) {
      return (error as SyncError).issues.map((i) => [i.code, i.pointer]);
    }
    return [];
  };

  it('are checked with pointers', () => {
    expect(refused({ source: { ...base.source, tombstone: { path: 'a[' } } })).toEqual([['CG_SYNC_DEFINITION', '/source/tombstone/path']]);
    expect(refused({ source: { ...base.source, tombstone: { field: 'deleted' } } })).toEqual([
      ['CG_SYNC_DEFINITION', '/source/tombstone/field'],
      ['CG_SYNC_DEFINITION', '/source/tombstone/path'],
    ]);
    expect(refused({ destination: { ...base.destination, deletions: { sinceParam: 'since' } } })).toEqual([['CG_SYNC_DEFINITION', '/destination/deletions/action']]);
    expect(refused({ destination: { ...base.destination, sinceParam: 7 } })).toEqual([['CG_SYNC_DEFINITION', '/destination/sinceParam']]);
  });

  it('belong to two-way syncs only', () => {
    const oneWay = { direction: 'one-way', source: { connector: './crm', action: 'listItems', tombstone: { path: 'deleted' } }, destination: { store: 'x' } };
    expect(refused(oneWay)).toEqual([['CG_SYNC_DEFINITION', '/source/tombstone']]);
  });
});
