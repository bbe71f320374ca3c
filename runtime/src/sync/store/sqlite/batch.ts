/**
 * Many rows in one INSERT: a page's 1,000 audit rows go in as 20 statements of 50 rows. Each call
 * from JavaScript into SQLite (bind, step, reset) costs about as much again as writing a small row,
 * so a page commit spends a quarter less CPU this way (bench/results/sync.md). SQLite applies the
 * rows of one statement in order, so an upsert naming one id twice keeps the last, as row by row.
 */
import type { Database, Statement } from 'better-sqlite3';

const ROWS_PER_STATEMENT = 50;

/** Rows of items of type `T`; `C` is what they share (the page's stream, a collection and a time). */
export class BatchInsert<T, C> {
  readonly #one: Statement;
  readonly #many: Statement;
  readonly #width: number;
  readonly #values: (item: T, context: C) => readonly unknown[];
  readonly #params: unknown[];

  /**
   * `head` is `INSERT INTO t (a, b)`, `tail` what follows the VALUES (an `ON CONFLICT` clause), and
   * `values` gives an item's `width` column values in order.
   */
  constructor(db: Database, head: string, width: number, values: (item: T, context: C) => readonly unknown[], tail = '') {
    const tuple = `(${Array(width).fill('?').join(', ')})`;
    this.#one = db.prepare(`${head} VALUES ${tuple} ${tail}`);
    this.#many = db.prepare(`${head} VALUES ${Array(ROWS_PER_STATEMENT).fill(tuple).join(', ')} ${tail}`);
    this.#width = width;
    this.#values = values;
    this.#params = new Array(width * ROWS_PER_STATEMENT);
  }

  run(items: readonly T[], context: C): void {
    const params = this.#params;
    let i = 0;
    for (; i + ROWS_PER_STATEMENT <= items.length; i += ROWS_PER_STATEMENT) {
      for (let j = 0; j < ROWS_PER_STATEMENT; j++) {
        const row = this.#values(items[i + j]!, context);
        for (let k = 0; k < this.#width; k++) params[j * this.#width + k] = row[k];
      }
      this.#many.run(params);
    }
    for (; i < items.length; i++) this.#one.run(this.#values(items[i]!, context));
  }
}
