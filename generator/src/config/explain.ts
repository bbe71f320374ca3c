/**
 * An Ajv error -> one problem in the user's terms: a stable code, the JSON pointer of the field in
 * connector.yaml, a message and a hint. Hints come from the schema (`x-hint` beside the keyword that
 * failed), from its known keys ("did you mean") or from its allowed values.
 */
import type { ErrorObject } from 'ajv';
import { toPointer } from '../diagnostics/diagnostic.js';
import { didYouMean } from './suggest.js';

export interface ConfigProblem {
  /** `CG_CONFIG_UNKNOWN_FIELD`, `CG_CONFIG_MISSING_FIELD` or `CG_CONFIG_INVALID`. */
  readonly code: string;
  /** JSON pointer into connector.yaml. */
  readonly pointer: string;
  readonly message: string;
  readonly hint: string;
}

type SchemaNode = Readonly<Record<string, unknown>>;

function node(value: unknown): SchemaNode | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as SchemaNode) : undefined;
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** ` for type: cursor` when the object being checked is a tagged one. */
function variant(data: unknown): string {
  const tag = node(data)?.['type'] ?? node(data)?.['strategy'];
  return typeof tag === 'string' ? ` for ${node(data)?.['type'] !== undefined ? 'type' : 'strategy'}: ${tag}` : '';
}

/** `schema` resolves `$ref: "#/definitions/x"` inside the one schema file. */
function resolve(schema: SchemaNode, value: unknown): SchemaNode | undefined {
  const target = node(value);
  const ref = target?.['$ref'];
  if (typeof ref !== 'string' || !ref.startsWith('#/definitions/')) return target;
  return node(node(schema['definitions'])?.[ref.slice('#/definitions/'.length)]);
}

/** `others`: how many further errors there were, mentioned so a user knows to run again. */
export function explain(error: ErrorObject, schema: SchemaNode, base: string, others = 0): ConfigProblem {
  const at = base + error.instancePath;
  const parent = node(error.parentSchema) ?? {};
  const xHint = typeof parent['x-hint'] === 'string' ? parent['x-hint'] : undefined;
  const more = others > 0 ? ` (and ${others} more problem${others === 1 ? '' : 's'})` : '';
  const params = error.params as Record<string, unknown>;
  const where = at === '' ? 'connector.yaml' : at;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params['additionalProperty']);
      const known = Object.keys(node(parent['properties']) ?? {});
      return {
        code: 'CG_CONFIG_UNKNOWN_FIELD',
        pointer: `${at}${toPointer([key])}`,
        message: `unknown field ${show(key)} in ${where}${more}`,
        hint: didYouMean(key, known) ?? (known.length > 0 ? `known fields here: ${known.join(', ')}` : 'remove it'),
      };
    }
    case 'required': {
      const key = String(params['missingProperty']);
      const property = resolve(schema, node(parent['properties'])?.[key]);
      const propertyHint = property?.['x-hint'];
      return {
        code: 'CG_CONFIG_MISSING_FIELD',
        pointer: `${at}${toPointer([key])}`,
        message: `${where} needs ${show(key)}${variant(error.data)}${more}`,
        hint: typeof propertyHint === 'string' ? propertyHint : `add \`${key}:\` under ${where}`,
      };
    }
    case 'enum':
    case 'const': {
      const allowed = (error.keyword === 'const' ? [params['allowedValue']] : (params['allowedValues'] as unknown[])) ?? [];
      const guess = typeof error.data === 'string' ? didYouMean(error.data, allowed.filter((v): v is string => typeof v === 'string')) : undefined;
      return {
        code: 'CG_CONFIG_INVALID',
        pointer: at,
        message: `${where} is ${show(error.data)}; it must be one of ${allowed.map(show).join(', ')}${more}`,
        hint: guess ?? `use one of ${allowed.map(show).join(', ')}`,
      };
    }
    case 'type': {
      const expected = String(params['type']).replace('object', 'a mapping (key: value pairs)').replace(/^(string|number|integer|boolean|array)$/, (t) => (t === 'array' ? 'a list' : `a ${t}`));
      return { code: 'CG_CONFIG_INVALID', pointer: at, message: `${where} must be ${expected}, not ${show(error.data)}${more}`, hint: xHint ?? `write ${expected} here` };
    }
    case 'propertyNames':
    case 'pattern':
    case 'format':
    case 'minLength': {
      // A bad key (propertyNames) points at the key; anything else at the value.
      const key = (error as ErrorObject & { propertyName?: string }).propertyName ?? (error.keyword === 'propertyNames' ? String(params['propertyName']) : undefined);
      const problem = error.keyword === 'format' ? 'is not a valid regular expression' : error.keyword === 'minLength' ? 'must not be empty' : 'is not valid here';
      return {
        code: 'CG_CONFIG_INVALID',
        pointer: key === undefined ? at : `${at}${toPointer([key])}`,
        message: `${where}: ${key === undefined ? show(error.data) : `the name ${show(key)}`} ${problem}${more}`,
        hint: xHint ?? (key === undefined ? `change ${where}` : `rename ${show(key)}`),
      };
    }
    default: {
      // minimum, maximum, exclusiveMinimum...: Ajv's own message ("must be >= 1") is clear.
      return { code: 'CG_CONFIG_INVALID', pointer: at, message: `${where} ${error.message ?? 'is not valid'} (got ${show(error.data)})${more}`, hint: xHint ?? `change ${where}` };
    }
  }
}
