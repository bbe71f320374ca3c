/**
 * One file's 3-way merge: the text as last generated (base), the user's text (yours) and the newly
 * generated text (generated). Line-based, by node-diff3 (a maintained diff3 over arrays); where both
 * sides changed the same lines, git-style conflict markers hold both versions for the user to pick.
 */
import { diff3Merge } from 'node-diff3';

export interface MergeResult {
  readonly text: string;
  /** Number of conflicting hunks (0: merged cleanly). */
  readonly conflicts: number;
}

export const MARKER_YOURS = '<<<<<<< yours';
export const MARKER_SPLIT = '=======';
export const MARKER_GENERATED = '>>>>>>> regenerated';

export function mergeText(base: string, yours: string, generated: string): MergeResult {
  if (yours === base || yours === generated) return { text: generated, conflicts: 0 };
  if (generated === base) return { text: yours, conflicts: 0 };
  const out: string[] = [];
  let conflicts = 0;
  for (const block of diff3Merge(lines(yours), lines(base), lines(generated), { excludeFalseConflicts: true })) {
    if (block.ok) {
      out.push(...block.ok);
      continue;
    }
    if (!block.conflict) continue;
    conflicts++;
    out.push(`${MARKER_YOURS}\n`, ...terminated(block.conflict.a), `${MARKER_SPLIT}\n`, ...terminated(block.conflict.b), `${MARKER_GENERATED}\n`);
  }
  return { text: out.join(''), conflicts };
}

/** Lines with their `\n`, so joining gives the text back byte for byte. */
function lines(text: string): string[] {
  return text === '' ? [] : text.split(/(?<=\n)/);
}

/** A side's last line may lack its newline; a marker must still start a line. */
function terminated(side: readonly string[]): string[] {
  if (side.length === 0 || side[side.length - 1]!.endsWith('\n')) return [...side];
  return [...side.slice(0, -1), side[side.length - 1]! + '\n'];
}
