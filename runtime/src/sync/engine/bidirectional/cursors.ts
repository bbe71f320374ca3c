/**
 * The destination's own cursor in a bidirectional sync. The source's cursor stays where every sync
 * keeps it (the stream's state); the destination's is the state of a second stream named after the
 * sync (`<sync id>/destination`), so no store needs a new column. It is saved just before the
 * run's final commit: a run killed in between has read nothing after it, and the resumed run,
 * already at its end, saves the same value again.
 */
import { lookBack, maxCursor, minCursor, parseDuration } from '../../cursor.js';
import type { SyncDefinition } from '../../definition/types.js';
import type { Checkpoint, CursorValue, RunRecord, StreamKey, SyncStore } from '../../store/store.js';

export function destinationStream(key: StreamKey): StreamKey {
  return { syncId: `${key.syncId}/destination`, connectionId: key.connectionId };
}

/** Where an incremental run reads the destination from: its cursor less the lookback; undefined for a full run. */
export async function destinationSince(store: SyncStore, key: StreamKey, definition: SyncDefinition): Promise<CursorValue | undefined> {
  if (definition.mode !== 'incremental') return undefined;
  const { cursor } = await store.getState(destinationStream(key));
  return cursor === undefined ? undefined : lookBack(cursor, parseDuration(definition.cursor?.lookback ?? 0) ?? 0);
}

/** Moves the destination's cursor to the highest settled record's, never past one that failed. */
export async function saveDestinationCursor(store: SyncStore, key: StreamKey, checkpoint: Checkpoint, run: RunRecord): Promise<void> {
  const reached = minCursor(checkpoint.destinationMaxCursor, checkpoint.destinationMinFailedCursor);
  if (reached === undefined) return;
  const stream = destinationStream(key);
  const cursor = maxCursor((await store.getState(stream)).cursor, reached)!;
  await store.commitPage({ ...stream, checkpoint: null, cursor, ledger: [], audit: [], deadLetters: [], run });
}
