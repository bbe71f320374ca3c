/**
 * `.all()`: the items of a page iterator, one per `next()`.
 *
 * An async generator doing `yield* page.items` costs several promise turns per item (the wrapper
 * around the array's iterator, an await, the yield itself); over a million items that was most of
 * `.all()`'s time (bench/results/runtime.md). Here an item of a page already in memory is one
 * resolved promise. Pages are still fetched one at a time and only when the items run out, and
 * `return()` (a `break` out of `for await`) closes the page iterator as the generator did.
 */
import type { Page } from '../client-api.js';

const DONE: IteratorReturnResult<void> = Object.freeze({ value: undefined, done: true });

export class ItemIterator<T> implements AsyncGenerator<T, void, undefined> {
  readonly #pages: AsyncGenerator<Page<T, unknown>, void, undefined>;
  #items: readonly T[] = [];
  #index = 0;
  #done = false;
  /** The page being fetched; `next()` calls made meanwhile wait for it, in order. */
  #fetching: Promise<void> | undefined;
  #error: { readonly error: unknown } | undefined;

  constructor(pages: AsyncGenerator<Page<T, unknown>, void, undefined>) {
    this.#pages = pages;
  }

  next(): Promise<IteratorResult<T, void>> {
    if (this.#fetching) return this.#fetching.then(() => this.next());
    if (this.#index < this.#items.length) return Promise.resolve({ value: this.#items[this.#index++] as T, done: false });
    if (this.#error) {
      const { error } = this.#error;
      this.#error = undefined;
      return Promise.reject(error);
    }
    if (this.#done) return Promise.resolve(DONE);
    this.#fetching = this.#fetch();
    return this.#fetching.then(() => this.next());
  }

  async #fetch(): Promise<void> {
    try {
      const page = await this.#pages.next();
      if (page.done) this.#done = true;
      else {
        this.#items = page.value.items;
        this.#index = 0;
      }
    } catch (error) {
      // Like a generator that threw: this call rejects, later ones report the end.
      this.#done = true;
      this.#error = { error };
    } finally {
      this.#fetching = undefined;
    }
  }

  async return(): Promise<IteratorResult<T, void>> {
    this.#finish();
    await this.#pages.return(undefined);
    return DONE;
  }

  async throw(error: unknown): Promise<IteratorResult<T, void>> {
    this.#finish();
    await this.#pages.return(undefined);
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  #finish(): void {
    this.#done = true;
    this.#items = [];
    this.#index = 0;
  }
}
