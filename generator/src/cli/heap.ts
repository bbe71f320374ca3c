/**
 * How far the heap may grow between full collections during `generate`. V8 sizes the old generation
 * for a server: after a full collection it lets the heap grow to up to 4x what survived before the
 * next one. A generate run is a batch whose stages each leave their garbage behind, so on GitHub's
 * spec the heap reached 150 MB holding 31-54 MB live, and peak RSS was 1.1-1.2x oazapfts's.
 * Growing 1.5x instead: peak RSS 257 -> 179-185 MB on GitHub's spec for 7 full collections instead
 * of 4, no measurable CPU.
 *
 * On a large spec the same policy costs: Microsoft Graph's live heap is 200-300 MB, and marking it
 * three times as often took 1.6-2.3 s more CPU (430 MB peak instead of 520, against a 1 GiB
 * target). So past SMALL_HEAP_BYTES in use at a stage's end, V8's own policy comes back.
 * Measured in bench/results/output.md.
 *
 * V8 reads the flag each time it sets a new limit, so setting it at run time takes effect from the
 * next collection. It is a process-wide setting: only the CLI sets it, never the library.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';

export const HEAP_GROWING_PERCENT = 50;
/** GitHub's spec stays under this at every stage's end (45-85 MB), Graph's passes it after convert (156 MB). */
export const SMALL_HEAP_BYTES = 128 * 1024 * 1024;

export function growHeapSlowly(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

/** Called at each stage's end: a heap past SMALL_HEAP_BYTES goes back to V8's growth (0 = its own). */
export function reviewHeapGrowth(): void {
  if (getHeapStatistics().used_heap_size > SMALL_HEAP_BYTES) setFlagsFromString('--heap-growing-percent=0');
}

/**
 * Back to V8's own growth once the pipeline is done. Besides tidiness: V8 stamps a code cache with
 * a hash of the flags that differ from their defaults and rejects it under other flags, so the
 * bundle's code cache (code-cache.ts), written as the process exits, must see the flags the next
 * start-up will have.
 */
export function restoreHeapGrowth(): void {
  setFlagsFromString('--heap-growing-percent=0');
}
