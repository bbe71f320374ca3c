/**
 * A vendor API for sync tests, on 127.0.0.1: a list of records with offset pagination and an
 * `updated_since` filter, and create (POST with an Idempotency-Key), replace (PUT) and delete by id;
 * deletions are also listed at /deletions (a deletions feed, filtered by `deleted_since`).
 * It records every write so tests can count them, and `fail` lets a test make chosen requests fail.
 * `recordsApiOperations` describe it the way a generated connector would.
 */
import type { IncomingMessage } from 'node:http';
import { createClient } from '../client.js';
import { getPath, setPath } from '../path/index.js';
import type { ConnectorDefinition, OperationSpec } from '../definition.js';
import { json, startServer, type TestServer } from './server.js';

export interface ApiRecord {
  readonly id: string;
  readonly [key: string]: unknown;
}

export interface RecordsApi extends TestServer {
  readonly records: Map<string, ApiRecord>;
  /** Every successful write: `POST id`, `PUT id`, `DELETE id`. */
  readonly writes: string[];
  /** Idempotency keys seen by POST, and the id each created. */
  readonly idempotency: Map<string, string>;
  /** Return a status to fail a request with it, undefined to serve it. */
  fail: ((method: string, url: URL, body: unknown) => number | undefined) | undefined;
  /** Called on each list request, before answering (a test can kill a child process here, or hold the answer back until it resolves). */
  onList: ((count: number, request: IncomingMessage) => void | Promise<void>) | undefined;
  /** Child records by parent id, listed at /items/{id}/notes. */
  readonly notes: Map<string, ApiRecord[]>;
  /** Serve the first page whatever the offset, as a broken server would. */
  ignoreOffset: boolean;
  /** The deletions feed: `{ id, deleted_at }` for every DELETE, in order. */
  readonly deletions: ApiRecord[];
  /** What a DELETE records as `deleted_at` (the test's clock, as an ISO string). */
  deletedAt: () => string;
}

export interface RecordsApiOptions {
  /**
   * The field records are keyed by (the `{id}` of PUT and DELETE, the order of the list, the id of a
   * deletions feed entry); default `id`. An app that keeps another system's id at `externalId`
   * says `key: 'externalId'`: a record PUT there for the first time gets its own `id` (`app-1`...).
   */
  readonly key?: string;
}

export async function startRecordsApi(initial: readonly ApiRecord[] = [], options: RecordsApiOptions = {}): Promise<RecordsApi> {
  const keyPath = options.key ?? 'id';
  const keyOf = (r: ApiRecord) => String(getPath(r, keyPath));
  const records = new Map(initial.map((r) => [keyOf(r), r]));
  let created = 0;
  const writes: string[] = [];
  const idempotency = new Map<string, string>();
  const notes = new Map<string, ApiRecord[]>();
  let lists = 0;
  let api: RecordsApi | undefined;
  const server = await startServer(async (req: IncomingMessage & { body: Buffer }, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const body = req.body.length > 0 ? (JSON.parse(req.body.toString('utf8')) as Record<string, unknown>) : undefined;
    if (!api) return json(res, 503, { error: 'starting' });
    const status = api.fail?.(req.method ?? '', url, body);
    if (status !== undefined) return json(res, status, { error: 'injected failure' });
    const id = decodeURIComponent(url.pathname.split('/')[2] ?? '');
    if (req.method === 'GET' && url.pathname.endsWith('/notes')) {
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const limit = Number(url.searchParams.get('limit') ?? 10);
      const list = notes.get(id) ?? [];
      return json(res, 200, { items: list.slice(offset, offset + limit), total: list.length });
    }
    if (req.method === 'GET' && url.pathname === '/deletions') {
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const limit = Number(url.searchParams.get('limit') ?? 10);
      const since = url.searchParams.get('deleted_since');
      const list = api.deletions.filter((d) => since === null || String(d['deleted_at']) >= since);
      return json(res, 200, { items: list.slice(offset, offset + limit), total: list.length });
    }
    if (req.method === 'GET' && url.pathname === '/items') {
      await api.onList?.(++lists, req);
      const offset = api.ignoreOffset ? 0 : Number(url.searchParams.get('offset') ?? 0);
      const limit = Number(url.searchParams.get('limit') ?? 10);
      const since = url.searchParams.get('updated_since');
      const all = [...records.values()]
        .filter((r) => since === null || updatedAt(r) >= since)
        .sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));
      return json(res, 200, { items: all.slice(offset, offset + limit), total: all.length });
    }
    if (req.method === 'POST' && url.pathname === '/items') {
      const key = String(req.headers['idempotency-key'] ?? '');
      const known = key ? idempotency.get(key) : undefined;
      if (known !== undefined) return json(res, 201, records.get(known) ?? {});
      const record = body as ApiRecord;
      if (records.has(record.id)) return json(res, 409, { error: `${record.id} exists` });
      records.set(record.id, record);
      if (key) idempotency.set(key, record.id);
      writes.push(`POST ${record.id}`);
      return json(res, 201, record);
    }
    if (req.method === 'PUT' && id) {
      const record = { ...(body ?? {}) } as Record<string, unknown>;
      setPath(record, keyPath, id);
      if (keyPath !== 'id') record['id'] = records.get(id)?.id ?? `app-${++created}`;
      records.set(id, record as ApiRecord);
      writes.push(`PUT ${id}`);
      return json(res, 200, records.get(id));
    }
    if (req.method === 'DELETE' && id) {
      records.delete(id);
      writes.push(`DELETE ${id}`);
      const entry: Record<string, unknown> = { deleted_at: api.deletedAt() };
      setPath(entry, keyPath, id);
      api.deletions.push(entry as ApiRecord);
      res.writeHead(204).end();
      return;
    }
    json(res, 404, { error: 'not found' });
  });
  api = Object.assign(server, { records, writes, idempotency, notes, fail: undefined, onList: undefined, ignoreOffset: false, deletions: [], deletedAt: () => '1970-01-01T00:00:00Z' });
  return api;
}

export const recordsApiOperations = {
  listItems: {
    id: 'listItems',
    method: 'GET',
    path: '/items',
    parameters: [
      { name: 'updated_since', key: 'updatedSince', in: 'query' },
      { name: 'offset', key: 'offset', in: 'query' },
      { name: 'limit', key: 'limit', in: 'query' },
    ],
    response: 'json',
    pagination: { type: 'offset', offsetParam: 'offset', pageSizeParam: 'limit', resultsKey: 'items', defaultPageSize: 10 },
  },
  listDeletions: {
    id: 'listDeletions',
    method: 'GET',
    path: '/deletions',
    parameters: [
      { name: 'deleted_since', key: 'deletedSince', in: 'query' },
      { name: 'offset', key: 'offset', in: 'query' },
      { name: 'limit', key: 'limit', in: 'query' },
    ],
    response: 'json',
    pagination: { type: 'offset', offsetParam: 'offset', pageSizeParam: 'limit', resultsKey: 'items', defaultPageSize: 10 },
  },
  listNotes: {
    id: 'listNotes',
    method: 'GET',
    path: '/items/{id}/notes',
    parameters: [
      { name: 'id', key: 'itemId', in: 'path', required: true },
      { name: 'offset', key: 'offset', in: 'query' },
      { name: 'limit', key: 'limit', in: 'query' },
    ],
    response: 'json',
    pagination: { type: 'offset', offsetParam: 'offset', pageSizeParam: 'limit', resultsKey: 'items', defaultPageSize: 10 },
  },
  createItem: {
    id: 'createItem',
    method: 'POST',
    path: '/items',
    parameters: [{ name: 'Idempotency-Key', key: 'idempotencyKey', in: 'header' }],
    requestBody: { mediaType: 'application/json', encoding: 'json', required: true },
    response: 'json',
  },
  putItem: {
    id: 'putItem',
    method: 'PUT',
    path: '/items/{id}',
    parameters: [{ name: 'id', key: 'id', in: 'path', required: true }],
    requestBody: { mediaType: 'application/json', encoding: 'json', required: true },
    response: 'json',
  },
  deleteItem: {
    id: 'deleteItem',
    method: 'DELETE',
    path: '/items/{id}',
    parameters: [{ name: 'id', key: 'id', in: 'path', required: true }],
    response: 'empty',
  },
} satisfies Record<string, OperationSpec>;

/** A connector object for the API at `origin`, built as generated code builds one. */
export function recordsApiConnector(origin: string) {
  const definition: ConnectorDefinition = { name: 'records', version: '1.0.0', servers: [{ url: origin }], auth: {}, retry: { maxAttempts: 1 } };
  const client = createClient(definition, { rateLimit: false });
  const ops = recordsApiOperations;
  return {
    listItems: client.paginatedAction(ops.listItems),
    listNotes: client.paginatedAction(ops.listNotes),
    listDeletions: client.paginatedAction(ops.listDeletions),
    createItem: client.action(ops.createItem),
    putItem: client.action(ops.putItem),
    deleteItem: client.action(ops.deleteItem),
    close: () => client.close(),
  };
}

function updatedAt(record: ApiRecord): string {
  const meta = record['meta'] as { updated_at?: unknown } | undefined;
  return String(meta?.updated_at ?? record['updated_at'] ?? '');
}
