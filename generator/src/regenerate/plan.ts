/**
 * What regeneration does to each file, decided from three versions of the package: the files as
 * last generated (base, from `.connectgen/base.json`), the files on disk now (the user's), and the
 * new output. Pure: the caller reads the disk before and writes after.
 *
 * - A file the user did not touch takes the new output; a file the new output did not change keeps
 *   the user's text; a file both changed is merged line by line (merge.ts), with conflict markers
 *   where the changes overlap.
 * - A file the new output no longer has is deleted, unless the user edited it (then it stays, as a
 *   conflict to resolve by hand).
 * - Files the user added, and everything under `src/custom/`, are never in the plan.
 */
import { mergeText } from './merge.js';

export type FileAction =
  | { readonly kind: 'write'; readonly path: string; readonly text: string; readonly how: 'new' | 'updated' | 'merged' | 'conflict'; readonly conflicts: number }
  | { readonly kind: 'delete'; readonly path: string }
  | { readonly kind: 'keep'; readonly path: string; readonly why: 'unchanged' | 'yours' | 'edited-but-removed' };

export interface MergePlan {
  readonly actions: readonly FileAction[];
  /** Paths whose result holds conflict markers, or that the user edited and the generator removed. */
  readonly conflicts: readonly string[];
}

export const CUSTOM_DIR = 'src/custom/';

export interface PlanInput {
  readonly base: ReadonlyMap<string, string>;
  /** The user's current text of every path in base or generated; absent: no such file on disk. */
  readonly current: ReadonlyMap<string, string>;
  readonly generated: ReadonlyMap<string, string>;
}

export function planMerge({ base, current, generated }: PlanInput): MergePlan {
  const paths = [...new Set([...base.keys(), ...generated.keys()])].filter((p) => !p.startsWith(CUSTOM_DIR)).sort();
  const actions: FileAction[] = [];
  const conflicts: string[] = [];
  for (const path of paths) {
    const action = planFile(path, base.get(path), current.get(path), generated.get(path));
    actions.push(action);
    if ((action.kind === 'write' && action.how === 'conflict') || (action.kind === 'keep' && action.why === 'edited-but-removed')) conflicts.push(path);
  }
  return { actions, conflicts };
}

function planFile(path: string, base: string | undefined, yours: string | undefined, generated: string | undefined): FileAction {
  if (generated === undefined) {
    if (yours === undefined) return { kind: 'keep', path, why: 'unchanged' };
    return yours === base ? { kind: 'delete', path } : { kind: 'keep', path, why: 'edited-but-removed' };
  }
  // A generated file the user deleted comes back: the connector needs it to compile.
  if (yours === undefined) return { kind: 'write', path, text: generated, how: 'new', conflicts: 0 };
  if (yours === generated) return { kind: 'keep', path, why: 'unchanged' };
  if (yours === base) return { kind: 'write', path, text: generated, how: 'updated', conflicts: 0 };
  if (generated === base) return { kind: 'keep', path, why: 'yours' };
  // Both changed it (or the user made a file of the same name as a new generated one: empty base).
  const merged = mergeText(base ?? '', yours, generated);
  return { kind: 'write', path, text: merged.text, how: merged.conflicts > 0 ? 'conflict' : 'merged', conflicts: merged.conflicts };
}
