/**
 * diff: two ConnectorIRs -> the changes to the connector's public surface, each classed breaking,
 * additive or patch for a caller, and the semver bump they call for. Pure: IR in, data out.
 */
import type { ConnectorIR } from '../ir/types.js';
import { compareAuth, compareSchemas, compareServers } from './compare-connector.js';
import { compareOperations } from './compare-operations.js';
import { compareWebhooks } from './compare-webhooks.js';
import { DiffContext } from './context.js';
import type { Bump, Change, DiffResult, Impact } from './types.js';

export type { Bump, Change, DiffResult, Direction, Impact } from './types.js';
export { nextVersion } from './version.js';

export function diffIR(oldIR: ConnectorIR, newIR: ConnectorIR): DiffResult {
  const ctx = new DiffContext(oldIR, newIR);
  compareOperations(ctx);
  compareAuth(ctx);
  compareServers(ctx);
  compareWebhooks(ctx);
  compareSchemas(ctx);
  const changes = sortChanges(ctx.changes);
  const counts: Record<Impact, number> = { breaking: 0, additive: 0, patch: 0 };
  for (const change of changes) counts[change.impact]++;
  return { changes, bump: bumpFor(counts), counts };
}

export function bumpFor(counts: Readonly<Record<Impact, number>>): Bump {
  if (counts.breaking > 0) return 'major';
  if (counts.additive > 0) return 'minor';
  if (counts.patch > 0) return 'patch';
  return 'none';
}

const ORDER: Record<Impact, number> = { breaking: 0, additive: 1, patch: 2 };

/** Breaking first, then additive, then patch; within each, in the order found (spec order). */
function sortChanges(changes: readonly Change[]): Change[] {
  return changes.map((change, index) => ({ change, index })).sort((a, b) => ORDER[a.change.impact] - ORDER[b.change.impact] || a.index - b.index).map((x) => x.change);
}
