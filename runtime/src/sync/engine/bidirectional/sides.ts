/**
 * Reading one side of a bidirectional sync as pages of items: a record's id, the record (for a
 * deletion, its tombstone or feed entry), whether it was deleted there, and its cursor, so the
 * engine settles deletions like changes and keeps each side's own cursor.
 * - A connector side: its list action (`sinceParam` takes the side's cursor), a record matching its
 *   `tombstone` counted as deleted; then, in incremental runs, its `deletions` feed. The page state
 *   says which of the two a resumed run is in. The id is read at the side's id path; a record
 *   without one is passed on with its error, so it is reported instead of matched as "undefined".
 * - A store collection: pages in write order, its cursor being the write time (epoch ms). An
 *   incremental run reads from that cursor and counts flagged records as deleted; a full run reads
 *   the live records and notices a deletion by its absence.
 */
import type { PageState } from '../../../client-api.js';
import { getPath } from '../../../path/index.js';
import type { ConnectorSource, DeletionSignals } from '../../definition/types.js';
import { recordHash } from '../../hash.js';
import { connectorSource } from '../../sources/connector.js';
import type { Source } from '../../sources/source.js';
import { storeRows } from '../../sources/store.js';
import type { CursorValue, SyncStore } from '../../store/store.js';
import { idAt, noIdError } from './ids.js';

export interface SideItem {
  /** The shared record id; for a record without one, a label naming it in dead letters and the audit. */
  readonly id: string;
  /** The record as read; for a deletion, its tombstone or deletions feed entry. */
  readonly record: unknown;
  readonly deleted: boolean;
  readonly cursor: CursorValue | undefined;
  /** Set when the record cannot be synced as read (it has no id): the record's error. */
  readonly error?: string;
}

export interface SidePage {
  readonly items: readonly SideItem[];
  /** Resumes after this page; undefined on the last. */
  readonly next: PageState | undefined;
}

export interface SideReader {
  read(resumeFrom: PageState | undefined): AsyncIterable<SidePage>;
}

export interface ConnectorSideOptions {
  /** Where this side's records keep the shared record id. */
  readonly idPath: string;
  readonly cursorOf: (record: unknown) => CursorValue | undefined;
  /** The side's cursor less the lookback: what the list action and the feed are asked for. */
  readonly since: CursorValue | undefined;
  /** Read the deletions feed after the changes (a full run sees deletions by absence instead). */
  readonly readFeed: boolean;
  readonly pageSize: number;
  readonly signal?: AbortSignal | undefined;
}

type Feed = 'changes' | 'deletions';

export function connectorSide(config: ConnectorSource & DeletionSignals, pointer: string, options: ConnectorSideOptions): SideReader {
  const changes = connectorSource(config, pointer);
  const spec = options.readFeed ? config.deletions : undefined;
  const feed = spec
    ? connectorSource({ connector: config.connector, action: spec.action, ...(spec.input ? { input: spec.input } : {}), ...(spec.sinceParam ? { sinceParam: spec.sinceParam } : {}) }, `${pointer}/deletions`)
    : undefined;
  const isTombstone = tombstoneTest(config.tombstone);
  const feedIdPath = spec?.idPath ?? options.idPath;
  const side = pointer.slice(1);
  const item = (record: unknown, path: string, where: string, deleted: boolean, cursor: CursorValue | undefined): SideItem => {
    const id = idAt(record, path);
    if (id !== undefined) return { id, record, deleted, cursor };
    // Labelled by content, so the same record failing in every run keeps one dead letter, and two never share one.
    return { id: `(no ${side} id: ${recordHash(record).slice(0, 10)})`, record, deleted: false, cursor, error: noIdError(where, path) };
  };
  const pagesOf = (source: Source, resumeFrom: PageState | undefined) =>
    source.read({
      ...(resumeFrom ? { resumeFrom } : {}),
      ...(options.since === undefined ? {} : { since: options.since }),
      pageSize: options.pageSize,
      ...(options.signal ? { signal: options.signal } : {}),
    });
  return {
    async *read(resumeFrom) {
      const at = unwrap(resumeFrom);
      if (at.feed === 'changes') {
        for await (const page of pagesOf(changes, at.page)) {
          const items = page.records.map((record) => item(record, options.idPath, `the ${side}`, isTombstone(record), options.cursorOf(record)));
          yield { items, next: page.next ? wrap('changes', page.next) : feed ? wrap('deletions', undefined) : undefined };
        }
      }
      if (!feed) return;
      for await (const page of pagesOf(feed, at.feed === 'deletions' ? at.page : undefined)) {
        // A feed entry carries no cursor of the side's changes: the side's cursor does not move for it.
        const items = page.records.map((record) => item(record, feedIdPath, `the ${side}'s deletions feed`, true, undefined));
        yield { items, next: page.next ? wrap('deletions', page.next) : undefined };
      }
    },
  };
}

export interface StoreSideOptions {
  readonly since: CursorValue | undefined;
  readonly includeDeleted: boolean;
  readonly pageSize: number;
  /** The record's cursor; default its write time in the store. */
  readonly cursorOf?: (record: unknown) => CursorValue | undefined;
}

export function storeSide(store: SyncStore, collection: string, options: StoreSideOptions): SideReader {
  // A cursor kept by an older version may be a field value, not a write time: then read everything.
  const since = typeof options.since === 'number' ? options.since : undefined;
  return {
    async *read(resumeFrom) {
      for await (const page of storeRows(store, collection, { resumeFrom, pageSize: options.pageSize, since, includeDeleted: options.includeDeleted })) {
        const items = page.rows.map((row) => ({
          id: row.id,
          record: row.data,
          deleted: row.deletedAt !== undefined,
          cursor: options.cursorOf ? options.cursorOf(row.data) : row.updatedAt,
        }));
        yield { items, next: page.next };
      }
    },
  };
}

function tombstoneTest(tombstone: DeletionSignals['tombstone']): (record: unknown) => boolean {
  if (!tombstone) return () => false;
  if ('equals' in tombstone) return (record) => sameValue(getPath(record, tombstone.path), tombstone.equals);
  return (record) => {
    const value = getPath(record, tombstone.path);
    return value !== undefined && value !== null && value !== false && value !== 0 && value !== '';
  };
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'object' && a !== null && JSON.stringify(a) === JSON.stringify(b));
}

/** The page state of a connector side: which feed, and that feed's own page state. */
function wrap(feed: Feed, page: PageState | undefined): PageState {
  return { type: 'cursor', value: JSON.stringify({ feed, ...(page ? { page } : {}) }) };
}

function unwrap(state: PageState | undefined): { feed: Feed; page: PageState | undefined } {
  if (!state) return { feed: 'changes', page: undefined };
  try {
    const parsed = JSON.parse(String(state.value)) as { feed?: unknown; page?: PageState };
    if (parsed.feed === 'changes' || parsed.feed === 'deletions') return { feed: parsed.feed, page: parsed.page };
  } catch {
    // not ours: a checkpoint written before the state was wrapped
  }
  return { feed: 'changes', page: state };
}
