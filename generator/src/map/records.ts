/**
 * Records for `connectgen map`: a JSON array (or one object), or JSON Lines, from a file or stdin.
 * JSON Lines are streamed, so a large export is mapped without holding it in memory; a line that
 * is not JSON is one failed record, not the end of the run. Without a `.json` extension the first
 * non-blank character decides: `[` is a JSON array, anything else JSON Lines.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';

/** `at` is the line (JSON Lines) or the 1-based position in the array. */
export type RecordItem = { readonly at: number; readonly record: unknown } | { readonly at: number; readonly parseError: string };

export async function* readRecords(source: string): AsyncGenerator<RecordItem> {
  if (source !== '-' && /\.json$/i.test(source)) {
    yield* jsonDocument(await readFile(source, 'utf8'));
    return;
  }
  const input = source === '-' ? process.stdin : createReadStream(source, 'utf8');
  const lines = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  let array: string[] | undefined;
  let seenContent = false;
  for await (const text of lines) {
    line++;
    if (array) {
      array.push(text);
      continue;
    }
    const trimmed = text.trim();
    if (trimmed === '') continue;
    if (!seenContent && trimmed.startsWith('[')) {
      array = [text];
      continue;
    }
    seenContent = true;
    try {
      yield { at: line, record: JSON.parse(trimmed) };
    } catch (error) {
      yield { at: line, parseError: (error as Error).message };
    }
  }
  if (array) yield* jsonDocument(array.join('\n'));
}

function* jsonDocument(text: string): Generator<RecordItem> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    yield { at: 1, parseError: `not JSON: ${(error as Error).message}` };
    return;
  }
  const list = Array.isArray(value) ? value : [value];
  for (let i = 0; i < list.length; i++) yield { at: i + 1, record: list[i] };
}
