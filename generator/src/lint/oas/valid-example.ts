/**
 * A drop-in for spectral:oas's `oasExample` (rules oas2/oas3-valid-media-example and
 * -valid-schema-example) that gives the same findings without its cost. Stock `oasExample` deep-copies
 * the (fully dereferenced) schema for every example it checks, so Spectral's compiled-validator cache,
 * keyed by object identity, never hits: on GitHub's spec Ajv compiled ~6,600 schemas and that was
 * ~60 of Spectral's ~85 seconds. Here the prepared copy is cached by the schema's content and the
 * checking context, so each distinct schema is copied, cleaned and compiled once (~2,300 on GitHub).
 *
 * This file holds both of lint's departures from stock Spectral (this replacement, which imports
 * oasSchema from Spectral's dist/, and the Ajv optimiser switch below). parity.test.ts checks in
 * `npm test` that findings still equal spectral:oas's, and the Spectral packages are pinned exactly.
 */
import { createRequire } from 'node:module';
import traverse from 'json-schema-traverse';
import type { IFunctionResult, RulesetFunctionContext } from '@stoplight/spectral-core';
import { oas2, oas3_0, oas3_1, oas3_2 } from '@stoplight/spectral-formats';
import { schema as schemaFunction } from '@stoplight/spectral-functions';
import { oasSchema } from '@stoplight/spectral-rulesets/dist/oas/functions/index.js';
import { createExamplePrecheck, nullableCompileError, rootTypeSchema } from './example-precheck.js';

type Json = Record<string, unknown>;
type Path = (string | number)[];
interface Options {
  readonly schemaField: string;
  readonly oasVersion: 2 | 3;
  readonly type: 'media' | 'schema';
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

// Where an example sits decides which properties it may omit (readOnly in requests, writeOnly in responses).
const REQUEST_PATHS: Record<2 | 3, string[][]> = { 2: [], 3: [['components', 'requestBodies'], ['paths', '*', '*', 'requestBody']] };
const RESPONSE_PATHS: Record<2 | 3, string[][]> = {
  2: [['responses'], ['paths', '*', '*', 'responses']],
  3: [['components', 'responses'], ['paths', '*', '*', 'responses']],
};
const SCHEMA_FIELDS: Record<2 | 3, string[]> = { 2: ['example', 'x-example', 'default'], 3: ['example', 'default'] };
// json-schema-traverse's keyword tables (exported at run time, missing from its types).
const tables = traverse as unknown as Record<'keywords' | 'arrayKeywords' | 'propsKeywords', object>;
const KNOWN_KEYWORDS = new Set([...Object.keys(tables.keywords), ...Object.keys(tables.arrayKeywords), ...Object.keys(tables.propsKeywords)]);

const under = (path: Path, prefixes: string[][]): boolean => prefixes.some((p) => p.every((s, i) => s === '*' || s === path[i]));

/** The examples `target` carries, with their paths, as spectral:oas enumerates them. */
function examplesOf(target: Json, path: Path, opts: Options): { value: unknown; path: Path }[] {
  if (opts.type === 'schema') return SCHEMA_FIELDS[opts.oasVersion].filter((f) => f in target).map((f) => ({ value: target[f], path: [...path, f] }));
  if (opts.oasVersion === 3 && 'example' in target) return [{ value: target['example'], path: [...path, 'example'] }];
  const examples = target['examples'];
  if (!('examples' in target) || !isObject(examples)) return [];
  const items: { value: unknown; path: Path }[] = [];
  for (const [key, example] of Object.entries(examples)) {
    if (opts.oasVersion === 2) items.push({ value: example, path: [...path, 'examples', key] });
    else if (isObject(example) && !('externalValue' in example)) items.push({ value: example['value'], path: [...path, 'examples', key, 'value'] });
  }
  return items;
}

/** What a media example's path decides: `r` readOnly properties may be missing (a request), `w` writeOnly ones (a response). */
export function mediaFlags(path: Path, oasVersion: 2 | 3): string {
  return (under(path, REQUEST_PATHS[oasVersion]) ? 'r' : '-') + (under(path, RESPONSE_PATHS[oasVersion]) ? 'w' : '-');
}

/** The copy spectral:oas validates against: no stray `id`s, and readOnly/writeOnly not required. */
function prepare(schema: Json, relaxReadOnly: boolean, relaxWriteOnly: boolean, swagger2: boolean): Json {
  const copy = JSON.parse(JSON.stringify(schema)) as Json;
  traverse(copy, { allKeys: true }, (fragment, _ptr, _root, _parentPtr, parentKeyword) => {
    if (parentKeyword !== undefined && !KNOWN_KEYWORDS.has(parentKeyword) && 'id' in fragment) delete fragment['id'];
  });
  if (relaxReadOnly || relaxWriteOnly) {
    const notPointers: string[] = [];
    traverse(copy, {}, (fragment, ptr, _root, parentPtr, parentKeyword, parent, name) => {
      if (parentKeyword === 'not') return void notPointers.push(ptr);
      if (parentPtr !== undefined && notPointers.some((p) => parentPtr === p || parentPtr.startsWith(p + '/'))) return;
      if ((fragment['readOnly'] === true && relaxReadOnly) || (fragment['writeOnly'] === true && relaxWriteOnly)) {
        if (parentKeyword === 'properties' && parent && (parent['required'] === undefined || Array.isArray(parent['required']))) {
          const left = (parent['required'] as unknown[] | undefined)?.filter((p) => p !== name);
          if (left && left.length > 0) parent['required'] = left;
          else delete parent['required'];
        }
      }
    });
  }
  if (swagger2) {
    traverse(copy, (fragment: traverse.SchemaObject) => {
      if (fragment['x-nullable'] === true) {
        fragment['nullable'] = true;
        delete fragment['x-nullable'];
      }
    });
  }
  return copy;
}

/** Spectral's message for a `type` error on a `nullable` schema says null is allowed too. */
function rewriteNullable(schema: Json, errors: { keyword: string; schemaPath: string; message?: string }[]): void {
  for (const error of errors) {
    if (error.keyword !== 'type') continue;
    let node: unknown = schema;
    for (const segment of error.schemaPath.replace(/^#\/?/, '').split('/').slice(0, -1)) {
      node = isObject(node) ? node[decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
    }
    if (isObject(node) && node['nullable'] === true) error.message += ',null';
  }
}

/**
 * Ajv's code optimiser (`code.optimize`, on by default) spends half of each compile shrinking the
 * generated function; for validators used a handful of times that never pays back. Spectral creates
 * its Ajv instances privately, so the equivalent of `code: { optimize: false }` is set on the CodeGen
 * of the very Ajv copy spectral-functions loads. Validation results are identical (Ajv documents the
 * option); only the generated source is longer.
 */
let optimiserOff = false;
export function disableAjvOptimiser(): void {
  if (optimiserOff) return;
  optimiserOff = true;
  const fromFunctions = createRequire(createRequire(import.meta.url).resolve('@stoplight/spectral-functions'));
  const codegen = fromFunctions('ajv/dist/compile/codegen') as { CodeGen: { prototype: { optimize(passes?: number): void } } };
  codegen.CodeGen.prototype.optimize = function optimize(): void {};
}

/** One cache per lint run: prepared copies by context + content, and by identity to skip re-serialising. */
export function createValidExample(): (target: unknown, opts: Options, context: RulesetFunctionContext) => IFunctionResult[] | void {
  const byContent = new Map<string, Json>();
  const byIdentity = new WeakMap<object, Map<string, Json>>();
  const compileErrors = new WeakMap<Json, string>();
  // One object per distinct type-only schema, so Spectral's Ajv compiles each once.
  const typeSchemas = new Map<string, Json>();
  const typeOnly = (schema: Json): Json => {
    const key = JSON.stringify(schema);
    let found = typeSchemas.get(key);
    if (!found) typeSchemas.set(key, (found = schema));
    return found;
  };
  const precheck = createExamplePrecheck();
  const prepared = (schema: Json, flags: string, swagger2: boolean): Json => {
    let forSchema = byIdentity.get(schema);
    if (!forSchema) byIdentity.set(schema, (forSchema = new Map()));
    let copy = forSchema.get(flags);
    if (!copy) {
      const key = flags + JSON.stringify(schema);
      copy = byContent.get(key);
      if (!copy) byContent.set(key, (copy = prepare(schema, flags[0] === 'r', flags[1] === 'w', swagger2)));
      forSchema.set(flags, copy);
    }
    return copy;
  };

  return function oasExample(target, opts, context) {
    if (!isObject(target)) return;
    const formats = context.document.formats;
    const swagger2 = formats?.has(oas2) === true;
    // The dialect oasSchema picks: draft-04 for 2.0 and 3.0 (3.1 and 3.2 are 2020-12 or their own).
    const draft04 = swagger2 || (formats?.has(oas3_0) === true && !formats.has(oas3_1) && !formats.has(oas3_2));
    const field = opts.schemaField === '$' ? target : target[opts.schemaField];
    if (!isObject(field)) return;
    let schema: Json = field;
    if (swagger2 && typeof schema['required'] === 'boolean') {
      const { required: _, ...rest } = schema;
      schema = rest;
    }
    const path = context.path as Path;
    const flags = opts.type === 'media' ? mediaFlags(path, opts.oasVersion) : '--';
    const cached = prepared(schema, flags, swagger2);
    const results: IFunctionResult[] = [];
    for (const example of examplesOf(target, path, opts)) {
      // Valid for certain (most examples): no Ajv compile, no finding. Draft-04 dialects only.
      const verdict = draft04 ? precheck(cached, example.value) : 'unsure';
      if (verdict === 'valid') continue;
      const exampleContext = { ...context, path: example.path };
      // A schema Ajv cannot compile gives the same error for every example (stock oasExample
      // recompiles a fresh copy each time): compile it once. (Recompiling our cached copy would not
      // even do: Ajv caches a schema object before its meta-schema check, so the second try passes.)
      if (draft04 && verdict === 'unsure' && !compileErrors.has(cached)) {
        const known = nullableCompileError(cached);
        if (known !== undefined) compileErrors.set(cached, known);
      }
      const failed = compileErrors.get(cached);
      if (failed !== undefined) {
        results.push({ message: failed, path: example.path });
        continue;
      }
      // Failing at the root type: Ajv words that one error the same from the root's type alone.
      const small = verdict === 'invalid' ? rootTypeSchema(cached, example.value) : undefined;
      const against = small ? typeOnly(small) : cached;
      // 2.0: call the schema function directly, as oasSchema would after copying the schema again.
      const found = swagger2
        ? schemaFunction(example.value, { schema: against, dialect: 'draft4', allErrors: false, prepareResults: (errors) => rewriteNullable(against, errors as never) }, exampleContext)
        : oasSchema(example.value, { schema: against }, exampleContext);
      // The schema function reports a compile error at the path it was given, as the only result.
      const thrown = Array.isArray(found) && found.length === 1 && found[0]?.path === exampleContext.path && example.value !== undefined;
      if (thrown && !small) compileErrors.set(cached, found[0]?.message ?? '');
      if (Array.isArray(found)) results.push(...found);
    }
    return results.length > 0 ? results : undefined;
  };
}
