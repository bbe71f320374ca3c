/**
 * A validation rule: the extra option keys it reads from a `validation:` object, and `prepare`,
 * which checks them once at load and returns the check. A check returns a message when the value
 * fails, undefined when it passes. Checks run on the value after transformations.
 */
export type ValidatorOptions = Readonly<Record<string, unknown>>;

export type Check = (value: unknown) => string | undefined;

export interface Validator {
  /** Keys this rule reads besides its own name (`flags` for pattern, `values` for enum). */
  readonly options: readonly string[];
  prepare(options: ValidatorOptions): Check;
}
