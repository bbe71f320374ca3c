/**
 * Child streams: for each parent a page created or changed, every page of its children is read
 * with the child action (the parent id in `parentKey`) and written like any page, under the child
 * stream's own ledger (`<sync>/<child>`), each entry remembering its parent. Once a parent's
 * children are all read, the ones its ledger holds from earlier runs and this read did not return
 * have left the source: they are deleted or flagged by the sync's `onDelete`, as a full run does.
 * This runs before the parent page commits, so a run killed midway reads those parents' children
 * again on resume, and the writes, upserts by id, are not doubled. An unchanged parent's children
 * are not read at all.
 *
 * A parent deleted (or flagged) at the end of a full run takes its children with it: none of them
 * was read under it this run, so every one its ledger holds goes the same way. That also runs before
 * the parent's deletion commits, so a resumed run finds the parent still pending and repeats it.
 */
import { compileSyncMapping } from '../definition/mapping.js';
import { isStoreEndpoint, type ChildStream, type ConnectorSource, type SyncDefinition } from '../definition/types.js';
import { connectorDestination } from '../destinations/connector.js';
import type { Destination } from '../destinations/destination.js';
import { storeDestination } from '../destinations/store.js';
import { connectorSource } from '../sources/connector.js';
import type { PageCommit, RunCounts, RunRecord } from '../store/store.js';
import type { RunContext } from './context.js';
import { deleteUnseen } from './deletions.js';
import { writePage } from './page.js';

export interface ChildRunner {
  /** Reads and writes the children of these parents; returns the counts to add to the run. */
  read(parentIds: readonly string[], run: () => RunRecord): Promise<Partial<RunCounts>>;
  /** Deletes or flags every child of these parents, which have left the source. */
  remove(parentIds: readonly string[], run: () => RunRecord): Promise<Partial<RunCounts>>;
}

type ChildCounts = Pick<RunCounts, 'read' | 'created' | 'updated' | 'deleted' | 'skipped' | 'errors'> & { held: number };

export function childRunner(parent: RunContext, pageSize: number): ChildRunner | undefined {
  const children = parent.definition.children ?? [];
  if (children.length === 0) return undefined;
  const streams = children.map((child, i) => prepare(parent, child, `/children/${i}`));
  const removeLeft = (parent.definition.onDelete ?? 'delete') !== 'keep';
  const commit = async (ctx: RunContext, run: () => RunRecord, parts: Omit<PageCommit, 'syncId' | 'connectionId' | 'checkpoint' | 'run'>): Promise<void> => {
    await ctx.store.commitPage({ ...ctx.key, checkpoint: null, ...parts, run: run() });
  };
  // The ledger's children under this parent that this run has not seen: deleted or flagged.
  // `hold`: the parent's children were read with some lacking an id, so none is taken as gone (held.ts).
  const removeUnseen = async (ctx: RunContext, parentId: string, run: () => RunRecord, total: ChildCounts, hold?: { unidentified: number }): Promise<void> => {
    for (let batch = await deleteUnseen(ctx, pageSize, parentId, hold); batch; batch = await deleteUnseen(ctx, pageSize, parentId, hold)) {
      await commit(ctx, run, { ledger: batch.ledger, audit: batch.audit, deadLetters: batch.deadLetters, resolvedDeadLetters: batch.resolved, ...(batch.writes ? { writes: [batch.writes] } : {}) });
      total.deleted += batch.deleted;
      total.errors += batch.errors;
      total.held += batch.held;
    }
  };
  return {
    async read(parentIds, run) {
      const total = emptyChildCounts();
      for (const { child, ctx, source } of streams) {
        for (const parentId of parentIds) {
          const input = { ...child.input, [child.parentKey]: parentId };
          let unidentified = 0;
          for await (const page of source(input).read({ pageSize })) {
            const outcome = await writePage(ctx, page.records, undefined, parentId);
            await commit(ctx, run, { ledger: outcome.ledger, audit: outcome.audit, deadLetters: outcome.deadLetters, resolvedDeadLetters: outcome.resolved, ...(outcome.writes ? { writes: [outcome.writes] } : {}) });
            for (const key of ['read', 'created', 'updated', 'skipped', 'errors'] as const) total[key] += outcome.counts[key];
            unidentified += outcome.counts.unidentified;
          }
          if (removeLeft) await removeUnseen(ctx, parentId, run, total, unidentified > 0 ? { unidentified } : undefined);
        }
      }
      return total;
    },
    async remove(parentIds, run) {
      const total = emptyChildCounts();
      for (const { ctx } of streams) for (const parentId of parentIds) await removeUnseen(ctx, parentId, run, total);
      return total;
    },
  };
}

function emptyChildCounts(): ChildCounts {
  return { read: 0, created: 0, updated: 0, deleted: 0, skipped: 0, errors: 0, held: 0 };
}

function prepare(parent: RunContext, child: ChildStream, pointer: string) {
  const def = parent.definition;
  const connector = (def.source as ConnectorSource).connector;
  const definition: SyncDefinition = {
    id: `${def.id}/${child.id}`,
    source: { connector, action: child.action },
    destination: child.destination,
    idPath: child.idPath,
    mode: 'full',
    ...(def.onDelete ? { onDelete: def.onDelete } : {}),
  };
  const destination: Destination = isStoreEndpoint(child.destination)
    ? storeDestination(child.destination.store, child.destination.schema, `${pointer}/destination`)
    : connectorDestination(child.destination, `${pointer}/destination`);
  const ctx: RunContext = { ...parent, definition, key: { ...parent.key, syncId: definition.id }, destination, map: compileSyncMapping(child.mapping) };
  const source = (input: Record<string, unknown>) => connectorSource({ connector, action: child.action, input }, pointer);
  return { child, ctx, source };
}
