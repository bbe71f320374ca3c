/**
 * A mapping definition that cannot be compiled. One error, thrown at load, that names the entry
 * (its target, or its index when it has none) and the JSON pointer of the offending field, with a
 * hint; never a stack trace at the first record.
 */
import { ConnectorError } from '../http/errors.js';

export type MappingErrorCode =
  | 'CG_MAPPING_PARSE'
  | 'CG_MAPPING_SHAPE'
  | 'CG_MAPPING_UNKNOWN_KEY'
  | 'CG_MAPPING_UNKNOWN_TRANSFORM'
  | 'CG_MAPPING_UNKNOWN_VALIDATOR'
  | 'CG_MAPPING_BAD_PATH'
  | 'CG_MAPPING_BAD_PATTERN'
  | 'CG_MAPPING_BAD_OPTION';

export class MappingDefinitionError extends ConnectorError {
  readonly code: MappingErrorCode;
  /** JSON pointer into the definition, e.g. `/mappings/2/transformation`. */
  readonly pointer: string;
  /** The entry's target (or `#<index>`), when the problem is inside an entry. */
  readonly entry: string | undefined;
  readonly hint: string | undefined;

  constructor(code: MappingErrorCode, pointer: string, message: string, options: { entry?: string | undefined; hint?: string | undefined } = {}) {
    super(`${code} at ${pointer || '/'}${options.entry === undefined ? '' : ` (mapping ${options.entry})`}: ${message}`);
    this.code = code;
    this.pointer = pointer;
    this.entry = options.entry;
    this.hint = options.hint;
  }

  protected override details(): Record<string, unknown> {
    return { pointer: this.pointer, entry: this.entry, hint: this.hint };
  }
}

/**
 * Thrown by a transformation for a value it cannot handle (an unparsable date, a phone number
 * that is not one). It becomes a field error on that record; the batch goes on.
 */
export class TransformFailure extends Error {
  override readonly name = 'TransformFailure';
}

/** RFC 6901 escaping for one pointer token. */
export function pointerToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** A bad option of a transformation or validation, found at load: `option` is the key at fault. */
export class OptionError extends Error {
  constructor(
    readonly option: string | undefined,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}
