/**
 * A `<table>` (or anything with `role=table` rows and cells) as records: the header row's cell texts
 * are the keys, each later row a record. Duplicate or empty headers become `column 3` so no cell is
 * dropped by a key collision.
 */
import type { Locator } from 'playwright-core';

interface Cell {
  readonly innerText: string;
}
interface Row {
  readonly cells?: ArrayLike<Cell>;
  querySelectorAll(selector: string): ArrayLike<Cell>;
}
interface TableElement {
  querySelectorAll(selector: string): ArrayLike<Row>;
}

export async function readTable(locator: Locator): Promise<Array<Record<string, string>>> {
  const rows = await locator.evaluate((table: TableElement) =>
    Array.from(table.querySelectorAll('tr, [role=row]')).map((row) =>
      Array.from(row.querySelectorAll('th, td, [role=cell], [role=columnheader], [role=gridcell]')).map((cell) => cell.innerText.trim()),
    ),
  );
  const [header, ...body] = rows;
  if (!header) return [];
  const keys = uniqueKeys(header);
  return body
    .filter((cells) => cells.length > 0)
    .map((cells) => {
      // A row wider than the header keeps its extra cells under `column N`.
      const width = Math.max(keys.length, cells.length);
      return Object.fromEntries(Array.from({ length: width }, (_, i) => [keys[i] ?? `column ${i + 1}`, cells[i] ?? '']));
    });
}

function uniqueKeys(header: readonly string[]): string[] {
  const seen = new Set<string>();
  return header.map((text, i) => {
    const key = text === '' || seen.has(text) ? `column ${i + 1}` : text;
    seen.add(key);
    return key;
  });
}
