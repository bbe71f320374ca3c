/**
 * A transformation: a name in the registry, the option names it accepts, and `prepare`, which
 * checks the options once at load and returns the function applied to every value.
 *
 * `prepare` throws OptionError for bad options (compile turns it into a MappingDefinitionError
 * with the entry's pointer); the returned function throws TransformFailure for a value it cannot
 * handle, which becomes a field error on that one record.
 */
import { OptionError, TransformFailure } from '../errors.js';

export { OptionError };

export type TransformOptions = Readonly<Record<string, unknown>>;

/** What a prepared transformation is called with besides the value. */
export interface TransformContext {
  /** The whole source record (`template` reads other fields through it). */
  readonly record: unknown;
}

export type TransformFn = (value: unknown, context: TransformContext) => unknown;

export interface Transform {
  /** Option names this transformation reads; any other key is refused at load ('any' for custom functions). */
  readonly options: readonly string[] | 'any';
  /**
   * True when the function wants missing values (undefined, null) too; otherwise they pass
   * through untouched, so `lowercase` of a missing field stays missing instead of failing.
   */
  readonly handlesMissing?: boolean;
  prepare(options: TransformOptions): TransformFn;
}

export function stringOption(options: TransformOptions, name: string, fallback?: string): string | undefined {
  const value = options[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'string') throw new OptionError(name, `${name} must be a string`);
  return value;
}

export function booleanOption(options: TransformOptions, name: string, fallback: boolean): boolean {
  const value = options[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new OptionError(name, `${name} must be true or false`);
  return value;
}

/** Strings, and numbers/booleans turned into strings; anything else is a per-record failure. */
export function asText(value: unknown, transform: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  throw new TransformFailure(`${transform} expects text, got ${describeValue(value)}`);
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
