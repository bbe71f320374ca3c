/**
 * Reading store rows back into the `SyncStore` types, shared by the SQLite and PostgreSQL stores:
 * both keep the same columns, JSON as text and times as epoch ms. PostgreSQL hands bigints back as
 * strings and booleans as booleans where SQLite has numbers, so every number goes through `Number`.
 */
import type {
  AuditEntry,
  Checkpoint,
  ConflictStatus,
  ConnectionRecord,
  CursorValue,
  LedgerEntry,
  RunRecord,
  StoredConflict,
  StoredDeadLetter,
  StoredRecord,
  SyncState,
} from './store.js';

export type Row = Record<string, unknown>;

export const json = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));
export const parse = (text: unknown): unknown => (typeof text === 'string' ? JSON.parse(text) : undefined);
const numberOrNone = (value: unknown): number | undefined => (value === null || value === undefined ? undefined : Number(value));

export function toState(row: Row | undefined): SyncState {
  if (!row) return {};
  const cursor = parse(row['cursor']) as CursorValue | undefined;
  const checkpoint = parse(row['checkpoint']) as Checkpoint | undefined;
  return { ...(cursor === undefined ? {} : { cursor }), ...(checkpoint ? { checkpoint } : {}) };
}

/** The columns every per-record row shares (audit, dead letters, conflicts). */
function rowOfRecord(r: Row): { id: number; syncId: string; connectionId: string; runId: string; recordId: string } {
  return {
    id: Number(r['id']),
    syncId: String(r['sync_id']),
    connectionId: String(r['connection_id']),
    runId: String(r['run_id']),
    recordId: String(r['record_id']),
  };
}

export function toAudit(r: Row): AuditEntry & { readonly id: number } {
  return {
    ...rowOfRecord(r),
    action: r['action'] as AuditEntry['action'],
    ...(r['side'] === null ? {} : { side: r['side'] as 'source' | 'destination' }),
    ...(r['before'] === null ? {} : { before: parse(r['before']) }),
    ...(r['after'] === null ? {} : { after: parse(r['after']) }),
    ...(r['error'] === null ? {} : { error: String(r['error']) }),
    at: Number(r['at']),
  };
}

export function toDeadLetter(r: Row): StoredDeadLetter {
  const resolvedAt = numberOrNone(r['resolved_at']);
  return {
    ...rowOfRecord(r),
    record: parse(r['record']),
    error: String(r['error']),
    attempts: Number(r['attempts']),
    at: Number(r['at']),
    firstAt: Number(r['first_at'] ?? r['at']),
    ...(resolvedAt === undefined ? {} : { resolvedAt }),
  };
}

export function toConflict(r: Row): StoredConflict {
  const resolvedAt = numberOrNone(r['resolved_at']);
  return {
    ...rowOfRecord(r),
    source: parse(r['source']),
    destination: parse(r['destination']),
    status: r['status'] as ConflictStatus,
    ...(r['resolution'] === null ? {} : { resolution: r['resolution'] as 'source' | 'destination' }),
    ...(resolvedAt === undefined ? {} : { resolvedAt }),
    at: Number(r['at']),
  };
}

export function toRun(r: Row): RunRecord {
  const finishedAt = numberOrNone(r['finished_at']);
  const durationMs = numberOrNone(r['duration_ms']);
  return {
    id: String(r['id']),
    syncId: String(r['sync_id']),
    connectionId: String(r['connection_id']),
    mode: String(r['mode']),
    status: r['status'] as RunRecord['status'],
    startedAt: Number(r['started_at']),
    ...(finishedAt === undefined ? {} : { finishedAt }),
    ...(durationMs === undefined ? {} : { durationMs }),
    counts: parse(r['counts']) as RunRecord['counts'],
    errors: parse(r['errors']) as string[],
  };
}

export function toConnection(r: Row): ConnectionRecord {
  return {
    id: String(r['id']),
    connector: String(r['connector']),
    credentials: String(r['credentials']),
    ...(r['tokens'] === null ? {} : { tokens: String(r['tokens']) }),
    tokenVersion: Number(r['token_version']),
    state: r['state'] as ConnectionRecord['state'],
    ...(r['stale_reason'] === null ? {} : { staleReason: String(r['stale_reason']) }),
    updatedAt: Number(r['updated_at']),
  };
}

export function toLedger(r: Row): LedgerEntry {
  const destinationHash = r['destination_hash'];
  const cursor = parse(r['cursor']) as CursorValue | undefined;
  const parentId = r['parent_id'];
  const written = parse(r['written']);
  return {
    recordId: String(r['record_id']),
    hash: String(r['hash']),
    seenRun: String(r['seen_run']),
    deleted: r['deleted'] === 1 || r['deleted'] === true,
    ...(destinationHash === null || destinationHash === undefined ? {} : { destinationHash: String(destinationHash) }),
    ...(cursor === undefined ? {} : { cursor }),
    ...(parentId === null || parentId === undefined ? {} : { parentId: String(parentId) }),
    ...(written === undefined ? {} : { written }),
  };
}

export function toStoredRecord(r: Row): StoredRecord {
  const deletedAt = numberOrNone(r['deleted_at']);
  return {
    id: String(r['id']),
    data: parse(r['data']),
    updatedAt: Number(r['updated_at']),
    ...(deletedAt === undefined ? {} : { deletedAt }),
  };
}
