/**
 * Mapping many records: every record is mapped, a failed one is reported with its index and the
 * batch goes on. Works over arrays and (async) iterables, so a sync run or the CLI can stream.
 */
import type { FieldError, MappingFunction } from './types.js';

export type BatchItem<Target> = { readonly index: number; readonly ok: true; readonly value: Target } | { readonly index: number; readonly ok: false; readonly errors: readonly FieldError[] };

export async function* mapRecords<Source, Target>(map: MappingFunction<Source, Target>, records: Iterable<Source> | AsyncIterable<Source>): AsyncGenerator<BatchItem<Target>> {
  let index = 0;
  for await (const record of records) {
    const result = map(record);
    yield result.ok ? { index, ok: true, value: result.value } : { index, ok: false, errors: result.errors };
    index++;
  }
}

export interface BatchSummary<Target> {
  readonly mapped: Target[];
  readonly failed: Array<{ readonly index: number; readonly errors: readonly FieldError[] }>;
}

/** All at once, for arrays that fit in memory. */
export function mapAll<Source, Target>(map: MappingFunction<Source, Target>, records: readonly Source[]): BatchSummary<Target> {
  const mapped: Target[] = [];
  const failed: Array<{ index: number; errors: readonly FieldError[] }> = [];
  records.forEach((record, index) => {
    const result = map(record);
    if (result.ok) mapped.push(result.value);
    else failed.push({ index, errors: result.errors });
  });
  return { mapped, failed };
}
