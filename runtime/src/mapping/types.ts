/**
 * The shape of a mapping as people write it (YAML, JSON or TypeScript), and of its results.
 * Names follow what integration platforms use, with their aliases accepted: `source_field` /
 * `target_field`, `transformation` / `transformations`, `validation` / `validate`.
 */

/** A transformation by name, or by name with options (`{ type: lookup, table: {...} }`). */
export type TransformStep = string | ({ readonly type: string } & Readonly<Record<string, unknown>>) | ({ readonly name: string } & Readonly<Record<string, unknown>>);

/** A rule name (`email`, `string`), a rule object (`{ type: email, pattern: ... }`), or a list of either. */
export type ValidationSpec = string | Readonly<Record<string, unknown>> | ReadonlyArray<string | Readonly<Record<string, unknown>>>;

export interface FieldMapping {
  /** A path into the source record, or several (their values go to the chain as a list). */
  readonly source?: string | readonly string[];
  readonly source_field?: string | readonly string[];
  /** A path into the target record; `[*]` spreads a list over an array's elements. */
  readonly target?: string;
  readonly target_field?: string;
  /** A constant instead of a source. */
  readonly value?: unknown;
  /** Used when the source is missing, null or ''. */
  readonly default?: unknown;
  readonly required?: boolean;
  readonly transformation?: TransformStep | readonly TransformStep[];
  readonly transformations?: readonly TransformStep[];
  readonly transform?: TransformStep | readonly TransformStep[];
  readonly validation?: ValidationSpec;
  readonly validate?: ValidationSpec;
  /** Maps each element of the source list with these entries (paths relative to the element). */
  readonly each?: readonly FieldMapping[] | { readonly mappings: readonly FieldMapping[] };
  readonly description?: string;
  /** Options of the transformation named above, written inline (`separator: " "`). */
  readonly [option: string]: unknown;
}

export interface MappingDefinition {
  readonly name?: string;
  readonly description?: string;
  readonly mappings: readonly FieldMapping[];
}

/** Why one field of one record failed. */
export interface FieldError {
  /** The target path. */
  readonly target: string;
  /** The source path(s) as written, when the entry has a source. */
  readonly source: string | undefined;
  /** The value read from the source, before any transformation. */
  readonly value: unknown;
  /** `required`, a validation rule (`email`, `pattern`, ...), or `transform:<name>`. */
  readonly rule: string;
  readonly message: string;
}

export type MapResult<Target = Record<string, unknown>> =
  | { readonly ok: true; readonly value: Target }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

/** A compiled mapping: one record in, the mapped record or its field errors out. Never throws for bad data. */
export type MappingFunction<Source = unknown, Target = Record<string, unknown>> = (record: Source) => MapResult<Target>;
