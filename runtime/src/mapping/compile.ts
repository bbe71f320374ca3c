/**
 * compileMapping: a definition -> one function from a source record to `{ ok: true, value }` or
 * `{ ok: false, errors }`. All checking happens once, here (definition.ts); per record the work is
 * reading paths, running the prepared chain and checks, and writing the target. A bad record
 * gives field errors, never an exception, so a batch goes on past it.
 *
 * Per entry: read the source (a list of sources gives a list) -> `default` when missing -> the
 * transformation chain -> `required` -> validations -> write the target. A source path with a
 * wildcard maps element by element; `each` maps every element with nested entries.
 */
import { getAll } from '../path/index.js';
import { compileReader, compileWriter } from './access.js';
import { Planner, type MappingOptions, type PlannedEntry } from './definition.js';
import { TransformFailure } from './errors.js';
import type { TransformContext } from './transforms/transform.js';
import type { TypedMapping } from './typed.js';
import type { FieldError, FieldMapping, MappingDefinition, MappingFunction } from './types.js';

export type { CustomTransform, MappingOptions } from './definition.js';

export function compileMapping<Source, Target>(definition: TypedMapping<Source, Target>, options?: MappingOptions): MappingFunction<Source, Target>;
export function compileMapping<Source = unknown, Target = Record<string, unknown>>(definition: MappingDefinition | readonly FieldMapping[], options?: MappingOptions): MappingFunction<Source, Target>;
export function compileMapping<Source, Target>(definition: MappingDefinition | readonly FieldMapping[], options: MappingOptions = {}): MappingFunction<Source, Target> {
  const entries = new Planner(options).definition(definition);
  const run = compileEntries(entries);
  return (record) => {
    const errors: FieldError[] = [];
    const value = run(record, errors, '');
    return errors.length === 0 ? { ok: true, value: value as Target } : { ok: false, errors };
  };
}

type Runner = (record: unknown, errors: FieldError[], prefix: string) => Record<string, unknown>;

function compileEntries(entries: readonly PlannedEntry[]): Runner {
  const runners = entries.map(compileEntry);
  return (record, errors, prefix) => {
    const out: Record<string, unknown> = {};
    // One context per record, not per transformation call: it is what the chain reads the record from.
    const context: TransformContext = { record };
    for (const run of runners) run(record, context, out, errors, prefix);
    return out;
  };
}

const isMissing = (v: unknown): boolean => v === undefined || v === null || v === '';

function compileEntry(entry: PlannedEntry): (record: unknown, context: TransformContext, out: Record<string, unknown>, errors: FieldError[], prefix: string) => void {
  const [only] = entry.sources;
  const readers = entry.sources.map(compileReader);
  const single = readers[0];
  const read: (record: unknown) => unknown = entry.hasConstant
    ? () => copy(entry.constant)
    : entry.several
      ? (record) => readers.map((r) => r(record))
      : only === undefined || single === undefined
        ? () => undefined
        : only.multiple
          ? (record) => getAll(record, only)
          : single;
  const write = compileWriter(entry.target);
  const perElement = only !== undefined && !entry.several && only.multiple;
  const nested = entry.each === undefined ? undefined : compileEntries(entry.each);
  const targetText = entry.target.text;
  const steps = entry.steps;
  const checks = entry.checks;

  /** The chain and checks for one value; returns the value to write, or undefined after an error. */
  const apply = (value: unknown, context: TransformContext, source: unknown, errors: FieldError[], target: string, where: string): unknown => {
    let v = value;
    for (const step of steps) {
      if (!step.handlesMissing && (v === undefined || v === null)) continue;
      try {
        v = step.fn(v, context);
      } catch (error) {
        errors.push({ target, source: entry.sourceText, value: source, rule: `transform:${step.name}`, message: `${where}${failureMessage(error)}` });
        return undefined;
      }
    }
    if (isMissing(v) && entry.hasDefault) v = copy(entry.fallback);
    if (isMissing(v)) {
      if (entry.required) errors.push({ target, source: entry.sourceText, value: source, rule: 'required', message: `${where}${entry.sourceText ?? target} is required` });
      return undefined;
    }
    for (const { rule, check } of checks) {
      const message = check(v);
      if (message !== undefined) {
        errors.push({ target, source: entry.sourceText, value: source, rule, message: `${where}${message}` });
        return undefined;
      }
    }
    if (nested) return mapEach(v, source, errors, target);
    return v;
  };

  const mapEach = (list: unknown, source: unknown, errors: FieldError[], target: string): unknown => {
    if (!Array.isArray(list)) {
      errors.push({ target, source: entry.sourceText, value: source, rule: 'each', message: `each expects a list, got ${typeof list}` });
      return undefined;
    }
    return list.map((element, i) => nested!(element, errors, `${target}[${i}].`));
  };

  return (record, context, out, errors, prefix) => {
    const source = read(record);
    const target = prefix + targetText;
    let result: unknown;
    if (perElement) {
      const before = errors.length;
      const values = (source as unknown[]).map((element, i) => apply(element, context, element, errors, target, `[${i}] `));
      if (errors.length > before) return;
      if (values.length === 0 && entry.required) {
        errors.push({ target, source: entry.sourceText, value: source, rule: 'required', message: `${entry.sourceText} matched nothing` });
        return;
      }
      result = values;
    } else {
      const before = errors.length;
      result = apply(source, context, source, errors, target, '');
      if (errors.length > before || result === undefined) return;
    }
    try {
      write(out, result);
    } catch (error) {
      errors.push({ target, source: entry.sourceText, value: source, rule: 'target', message: failureMessage(error) });
    }
  };
}

function failureMessage(error: unknown): string {
  if (error instanceof TransformFailure) return error.message;
  // A custom transformation's own error is reported, not thrown: one record must not stop a batch.
  return error instanceof Error ? error.message : String(error);
}

/** Constants are copied per record so one mapped record cannot change the next one's. */
function copy<T>(value: T): T {
  return value !== null && typeof value === 'object' ? structuredClone(value) : value;
}
