/**
 * A quick answer to "is this example certainly valid against its (draft-04, OpenAPI 3.0 / 2.0)
 * schema?", so the example rules can skip Ajv, whose compile of a large dereferenced schema costs
 * milliseconds, for the examples that are fine (almost all of them). It only ever says `valid` when
 * Ajv, as Spectral configures it, would accept both the schema and the data; anything it does not
 * model (a `$ref` left by a cycle, `multipleOf`, tuple `items`, a schema the meta-schema rejects...)
 * is `unsure`, and `invalid` or `unsure` go to Ajv, which writes every finding. So a finding's text
 * always comes from Spectral's own Ajv; this file only decides when Ajv need not run.
 *
 * Semantics followed (Ajv 8 with ajv-draft-04 and ajv-formats, options as spectral-functions sets
 * them): `type` with OpenAPI's `nullable` (Ajv adds `null`), keywords applying only to their data
 * type, `required`/`properties` testing `data[name] !== undefined`, formats from ajv-formats' full set
 * (unknown formats ignored), regular expressions without the `u` flag.
 */
import { createRequire } from 'node:module';

type Json = Record<string, unknown>;
export type Verdict = 'valid' | 'invalid' | 'unsure';

// Keywords whose meaning this file models; a subschema with any other JSON Schema keyword is unsure.
const UNMODELLED = new Set([
  '$ref', 'id', '$id', '$schema', 'const', 'contains', 'propertyNames', 'if', 'then', 'else', 'dependencies', 'dependentRequired',
  'dependentSchemas', 'patternProperties', 'additionalItems', 'multipleOf', 'prefixItems', 'unevaluatedProperties', 'unevaluatedItems',
  '$defs', '$anchor', '$dynamicRef', '$dynamicAnchor', '$recursiveRef', '$recursiveAnchor', 'minContains', 'maxContains',
  'formatMinimum', 'formatMaximum', 'formatExclusiveMinimum', 'formatExclusiveMaximum', 'discriminator', '$comment', '$async',
]);
const TYPES = new Set(['null', 'boolean', 'object', 'array', 'number', 'string', 'integer']);

interface Ajvish {
  validateSchema(schema: object): boolean | Promise<unknown>;
}
type FormatDefinition = true | RegExp | ((data: never) => boolean) | { type?: string; validate: RegExp | ((data: never) => boolean); async?: boolean };

// The Ajv and formats spectral-functions uses (its own copies, resolved from it).
const fromFunctions = createRequire(createRequire(import.meta.url).resolve('@stoplight/spectral-functions'));
let meta: Ajvish | undefined;
const FORMATS = (fromFunctions('ajv-formats/dist/formats') as { fullFormats: Record<string, FormatDefinition> }).fullFormats;

/** Ajv would reject the schema itself (Spectral then reports "schema is invalid"): let Ajv say so. */
function metaValid(schema: Json): boolean {
  if (!meta) {
    const Draft04 = (fromFunctions('ajv-draft-04') as { default: new (options: object) => Ajvish }).default;
    meta = new Draft04({ allErrors: false, meta: true, messages: true, strict: false, allowUnionTypes: true, unicodeRegExp: false, logger: false });
    // The meta-schema's `format: regex` is checked by ajv-formats' rules (which refuse `\Z`), as in Spectral.
    (fromFunctions('ajv-formats') as { default: (ajv: Ajvish) => void }).default(meta);
  }
  return meta.validateSchema(schema) === true;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One checker per lint run: whether each schema is within what `check` models is worked out once. */
export function createExamplePrecheck(): (schema: Json, data: unknown) => Verdict {
  const modelled = new WeakMap<Json, boolean>();
  const patterns = new Map<string, RegExp>();
  return (schema, data) => {
    let ok = modelled.get(schema);
    if (ok === undefined) modelled.set(schema, (ok = withinModel(schema, patterns) && metaValid(schema)));
    return ok ? check(schema, data, patterns) : 'unsure';
  };
}

/** Every subschema uses only modelled keywords, with shapes Ajv compiles. */
function withinModel(schema: unknown, patterns: Map<string, RegExp>, misuse?: { nullableWithoutType: number }): boolean {
  if (!isObject(schema)) return false;
  for (const key of Object.keys(schema)) if (UNMODELLED.has(key)) return false;
  const types = schema['type'];
  const typeList = typeof types === 'string' ? [types] : Array.isArray(types) ? types : types === undefined ? [] : undefined;
  if (!typeList || !typeList.every((t) => typeof t === 'string' && TYPES.has(t))) return false;
  // Ajv: '"nullable" cannot be used without "type"', 'type: null contradicts nullable: false'.
  if (schema['nullable'] !== undefined) {
    if (typeof schema['nullable'] !== 'boolean' || (typeList.includes('null') && schema['nullable'] === false)) return false;
    if (typeList.length === 0) {
      if (!misuse) return false;
      misuse.nullableWithoutType++;
    }
  }
  if (schema['format'] !== undefined && typeof schema['format'] !== 'string') return false; // Ajv: "format value must be string"
  const pattern = schema['pattern'];
  if (pattern !== undefined) {
    if (typeof pattern !== 'string') return false;
    try {
      if (!patterns.has(pattern)) patterns.set(pattern, new RegExp(pattern));
    } catch {
      return false; // Ajv fails to compile it: a finding Ajv words
    }
  }
  if (schema['uniqueItems'] !== undefined && typeof schema['uniqueItems'] !== 'boolean') return false;
  const one = ['items', 'not'];
  for (const key of one) if (schema[key] !== undefined && !withinModel(schema[key], patterns, misuse)) return false;
  const additional = schema['additionalProperties'];
  if (additional !== undefined && typeof additional !== 'boolean' && !withinModel(additional, patterns, misuse)) return false;
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    const list = schema[key];
    if (list !== undefined && (!Array.isArray(list) || !list.every((s) => withinModel(s, patterns, misuse)))) return false;
  }
  // `definitions` are compiled only when referenced (never, without `$ref`): no misuse counted there.
  for (const key of ['properties', 'definitions']) {
    const map = schema[key];
    if (map !== undefined && (!isObject(map) || !Object.values(map).every((s) => withinModel(s, patterns, key === 'properties' ? misuse : undefined)))) return false;
  }
  return true;
}

function check(schema: Json, data: unknown, patterns: Map<string, RegExp>): Verdict {
  if (typeof data === 'number' && !Number.isFinite(data)) return 'unsure';
  if (typeof data === 'function' || typeof data === 'bigint' || typeof data === 'symbol' || data === undefined) return 'unsure';
  let verdict: Verdict = 'valid';
  const fold = (v: Verdict): boolean => {
    if (v === 'invalid') verdict = 'invalid';
    else if (v === 'unsure' && verdict === 'valid') verdict = 'unsure';
    return verdict === 'invalid';
  };

  const types = typeof schema['type'] === 'string' ? [schema['type']] : ((schema['type'] as string[] | undefined) ?? []);
  if (types.length > 0 && !(types.some((t) => hasType(t, data)) || (schema['nullable'] === true && data === null))) return 'invalid';
  const allowed = schema['enum'];
  if (Array.isArray(allowed) && !allowed.some((v) => deepEqual(v, data))) return 'invalid';
  if (typeof schema['format'] === 'string' && fold(checkFormat(schema['format'], data))) return verdict;

  if (typeof data === 'number') {
    const { minimum, maximum, exclusiveMinimum, exclusiveMaximum } = schema;
    if (typeof minimum === 'number' && (exclusiveMinimum === true ? data <= minimum : data < minimum)) return 'invalid';
    if (typeof maximum === 'number' && (exclusiveMaximum === true ? data >= maximum : data > maximum)) return 'invalid';
  } else if (typeof data === 'string') {
    const length = codePoints(data);
    if (typeof schema['minLength'] === 'number' && length < schema['minLength']) return 'invalid';
    if (typeof schema['maxLength'] === 'number' && length > schema['maxLength']) return 'invalid';
    if (typeof schema['pattern'] === 'string' && !(patterns.get(schema['pattern']) as RegExp).test(data)) return 'invalid';
  } else if (Array.isArray(data)) {
    if (typeof schema['minItems'] === 'number' && data.length < schema['minItems']) return 'invalid';
    if (typeof schema['maxItems'] === 'number' && data.length > schema['maxItems']) return 'invalid';
    if (schema['uniqueItems'] === true) {
      if (!data.every((item) => item === null || typeof item !== 'object')) return 'unsure';
      if (new Set(data).size !== data.length) return 'invalid';
    }
    if (isObject(schema['items'])) for (const item of data) if (fold(check(schema['items'], item, patterns))) return verdict;
  } else if (isObject(data)) {
    const keys = Object.keys(data);
    if (typeof schema['minProperties'] === 'number' && keys.length < schema['minProperties']) return 'invalid';
    if (typeof schema['maxProperties'] === 'number' && keys.length > schema['maxProperties']) return 'invalid';
    const required = schema['required'];
    const properties = isObject(schema['properties']) ? schema['properties'] : {};
    // Ajv reads `data[name]`, so an inherited name (`constructor`) counts as present: leave those to it.
    const names = [...(Array.isArray(required) ? required : []), ...Object.keys(properties)];
    if (names.some((n) => typeof n !== 'string' || n in Object.prototype)) return 'unsure';
    if (Array.isArray(required) && required.some((n) => data[n as string] === undefined)) return 'invalid';
    for (const [name, sub] of Object.entries(properties)) {
      if (data[name] !== undefined && fold(check(sub as Json, data[name], patterns))) return verdict;
    }
    const additional = schema['additionalProperties'];
    if (additional !== undefined && additional !== true) {
      for (const key of keys) {
        if (Object.prototype.hasOwnProperty.call(properties, key)) continue;
        if (additional === false) return 'invalid';
        if (fold(check(additional as Json, data[key], patterns))) return verdict;
      }
    }
  }

  for (const sub of (schema['allOf'] as Json[] | undefined) ?? []) if (fold(check(sub, data, patterns))) return verdict;
  for (const key of ['anyOf', 'oneOf'] as const) {
    const list = schema[key] as Json[] | undefined;
    if (!list) continue;
    const verdicts = list.map((s) => check(s, data, patterns));
    if (verdicts.includes('unsure')) fold('unsure');
    else {
      const passing = verdicts.filter((v) => v === 'valid').length;
      if (key === 'anyOf' ? passing === 0 : passing !== 1) return 'invalid';
    }
  }
  if (isObject(schema['not'])) {
    const inner = check(schema['not'], data, patterns);
    if (inner === 'valid') return 'invalid';
    if (inner === 'unsure') fold('unsure');
  }
  return verdict;
}

function hasType(type: string, data: unknown): boolean {
  switch (type) {
    case 'null': return data === null;
    case 'boolean': return typeof data === 'boolean';
    case 'number': return typeof data === 'number';
    case 'integer': return typeof data === 'number' && Number.isInteger(data);
    case 'string': return typeof data === 'string';
    case 'array': return Array.isArray(data);
    case 'object': return isObject(data);
    default: return false;
  }
}

function checkFormat(name: string, data: unknown): Verdict {
  const format = FORMATS[name];
  if (format === undefined || format === true) return 'valid'; // unknown formats are ignored (strict: false)
  const isDefinition = typeof format === 'object' && !(format instanceof RegExp);
  if (isDefinition && format.async) return 'unsure';
  const type = isDefinition ? (format.type ?? 'string') : 'string';
  if (typeof data !== type) return 'valid';
  const validate = isDefinition ? format.validate : format;
  return (validate instanceof RegExp ? validate.test(data as string) : (validate as (d: unknown) => boolean)(data)) ? 'valid' : 'invalid';
}

/** Ajv's string length: code points, a surrogate pair counting once. */
function codePoints(text: string): number {
  let length = 0;
  for (const _ of text) length++;
  return length;
}

/** fast-deep-equal over JSON values, as Ajv's `enum` uses it. */
function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((v, i) => deepEqual(v, (b as unknown[])[i]));
  const keysA = Object.keys(a);
  if (keysA.length !== Object.keys(b).length) return false;
  return keysA.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual((a as Json)[k], (b as Json)[k]));
}

// Keywords Ajv evaluates before a single type's own keywords (they apply to any type), and those of
// each data type's group, which run on data of that type whatever the schema's `type` says.
const ANY_TYPE = ['enum', 'const', 'not', 'anyOf', 'oneOf', 'allOf', '$ref', 'if', 'then', 'else'];
const GROUP: Readonly<Record<string, readonly string[]>> = {
  number: ['maximum', 'minimum', 'exclusiveMaximum', 'exclusiveMinimum', 'multipleOf', 'format'],
  string: ['maxLength', 'minLength', 'pattern', 'format'],
  array: ['maxItems', 'minItems', 'uniqueItems', 'items', 'additionalItems', 'contains'],
  object: ['maxProperties', 'minProperties', 'required', 'dependencies', 'propertyNames', 'additionalProperties', 'properties', 'patternProperties'],
};

/**
 * When `data` fails `schema` at its root `type` and nothing can fail before that check, Ajv's first
 * (and, without allErrors, only) error is that type error, so the schema holding just `type` and
 * `nullable` gives the very same error: it is that small schema, for the example rules to compile
 * instead of a large one. Undefined otherwise. Only for schemas the precheck models.
 */
export function rootTypeSchema(schema: Json, data: unknown): Json | undefined {
  const types = typeof schema['type'] === 'string' ? [schema['type']] : (schema['type'] as string[] | undefined);
  if (!types || types.length === 0 || ANY_TYPE.some((k) => schema[k] !== undefined)) return undefined;
  if (types.some((t) => hasType(t, data)) || (schema['nullable'] === true && data === null)) return undefined;
  const group = typeof data === 'number' ? 'number' : typeof data === 'string' ? 'string' : Array.isArray(data) ? 'array' : isObject(data) ? 'object' : undefined;
  // `format` runs in the group of the format's own type (ajv-formats: int32 on numbers, date-time on strings).
  if (group && GROUP[group]?.some((k) => schema[k] !== undefined && (k !== 'format' || formatType(schema[k]) === group))) return undefined;
  return schema['nullable'] === undefined ? { type: schema['type'] } : { type: schema['type'], nullable: schema['nullable'] };
}

/** The data type a known format checks; undefined for formats Ajv ignores. */
function formatType(name: unknown): string | undefined {
  const format = typeof name === 'string' ? FORMATS[name] : undefined;
  if (format === undefined || format === true) return undefined;
  return typeof format === 'object' && !(format instanceof RegExp) ? (format.type ?? 'string') : 'string';
}

/**
 * The error Ajv throws compiling `schema` when the one thing wrong with it is `nullable` without
 * `type` (Ajv refuses that in every subschema it compiles); undefined otherwise, and Ajv is asked.
 * Spectral reports that message for every example of the schema.
 */
export function nullableCompileError(schema: Json): string | undefined {
  const misuse = { nullableWithoutType: 0 };
  if (!withinModel(schema, new Map(), misuse) || misuse.nullableWithoutType === 0 || !metaValid(schema)) return undefined;
  return '"nullable" cannot be used without "type"';
}
