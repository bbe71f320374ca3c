/**
 * Replay protection: a message id is accepted once. The store only has to remember an id until
 * the tolerance window would reject the message anyway; for schemes without a timestamp (GitHub)
 * it remembers for `ttlMs`. In memory by default and bounded: when full, expired ids go first,
 * then the oldest. A receiver behind a load balancer passes a shared store with the same interface.
 */

export interface ReplayStore {
  /** Records `id` until `expiresAtMs`; false when it is already recorded and not expired. */
  claim(id: string, expiresAtMs: number, nowMs: number): boolean;
  /** Forgets `id`, so a sender's retry after our own failure (a handler's 500) is accepted. */
  release(id: string): void;
}

export class MemoryReplayStore implements ReplayStore {
  readonly #seen = new Map<string, number>();
  readonly #maxEntries: number;

  constructor(options: { maxEntries?: number } = {}) {
    this.#maxEntries = Math.max(1, options.maxEntries ?? 100_000);
  }

  get size(): number {
    return this.#seen.size;
  }

  claim(id: string, expiresAtMs: number, nowMs: number): boolean {
    const until = this.#seen.get(id);
    if (until !== undefined && until > nowMs) return false;
    if (until !== undefined) this.#seen.delete(id);
    if (this.#seen.size >= this.#maxEntries) this.#evict(nowMs);
    this.#seen.set(id, expiresAtMs);
    return true;
  }

  release(id: string): void {
    this.#seen.delete(id);
  }

  #evict(nowMs: number): void {
    for (const [id, until] of this.#seen) if (until <= nowMs) this.#seen.delete(id);
    // Insertion order is age order: drop the oldest tenth so eviction is not paid on every claim.
    const excess = this.#seen.size - this.#maxEntries + Math.ceil(this.#maxEntries / 10);
    if (excess <= 0) return;
    let dropped = 0;
    for (const id of this.#seen.keys()) {
      if (dropped++ >= excess) break;
      this.#seen.delete(id);
    }
  }
}
