/**
 * How far the heap may grow between full collections during `generate`. V8 sizes the old generation
 * for a server: after a full collection it lets the heap grow to up to 4x what survived before the
 * next one. A generate run is a batch whose stages each leave their garbage behind, so on GitHub's
 * spec the heap reached 150 MB holding 31-54 MB live, and peak RSS was 1.1-1.2x oazapfts's.
 * Growing 1.5x instead: peak RSS 234 -> 183 MB on GitHub's spec and 510 -> 445 MB on Microsoft
 * Graph's, for 7 full collections instead of 4 (about 50 ms more on GitHub's, 0.3-0.6 s of CPU on
 * Graph's); see bench/results/output.md.
 *
 * The flag is read each time V8 sets a new limit, so setting it at run time takes effect from the
 * next collection. It is a process-wide setting: only the CLI sets it, never the library.
 */
import { setFlagsFromString } from 'node:v8';

export const HEAP_GROWING_PERCENT = 50;

export function growHeapSlowly(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
