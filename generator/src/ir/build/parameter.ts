/**
 * Parameter Object -> ParameterIR.
 * OpenAPI 3.0 §4.7.12 / 3.1 §4.8.12: `name` + `in` identify a parameter; operation-level parameters
 * override path-item-level ones with the same pair; path parameters are always required; header
 * parameters named Accept, Content-Type or Authorization are ignored (the spec says so: the runtime
 * sets those). Serialisation is `style`/`explode`/`allowReserved`, or `content` with one media type.
 *
 * Input keys are made unique across locations here (`id` in the path and in the query become `id`
 * and `queryId`), and `body` is kept free for the request body.
 */
import type { ParameterLocation, ParameterStyle } from '@connectgen/runtime';
import { compareStrings, dedupe, inputKey } from '../infer/names.js';
import type { ParameterIR, TypeNode } from '../types.js';
import type { BuildContext, Obj } from './context.js';
import { child, deref, own, ownBool, ownObj, ownString, report } from './context.js';
import { convertSchema, docsOf } from './schema.js';

const LOCATIONS: readonly ParameterLocation[] = ['path', 'query', 'header', 'cookie'];
const STYLES = new Set<string>(['matrix', 'label', 'simple', 'form', 'spaceDelimited', 'pipeDelimited', 'deepObject']);
const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

interface Declared {
  readonly value: Obj;
  readonly pointer: string;
  readonly name: string;
  readonly in: ParameterLocation;
}

/** The parameters of one operation, path-item-level ones merged in, keys assigned, sorted. */
export function buildParameters(
  ctx: BuildContext,
  path: string,
  pathItemParameters: unknown,
  pathItemPointer: string,
  operationParameters: unknown,
  operationPointer: string,
): ParameterIR[] {
  const byIdentity = new Map<string, Declared>();
  for (const [list, at] of [
    [pathItemParameters, child(pathItemPointer, 'parameters')],
    [operationParameters, child(operationPointer, 'parameters')],
  ] as const) {
    if (!Array.isArray(list)) continue;
    list.forEach((raw, i) => {
      const declared = declare(ctx, raw, child(at, i));
      if (declared !== undefined) byIdentity.set(`${declared.in}\u0000${declared.name}`, declared);
    });
  }
  const declared = [...byIdentity.values()];
  const templateOrder = pathTemplateNames(path);
  for (const name of templateOrder) {
    if (!declared.some((p) => p.in === 'path' && p.name === name)) {
      report(ctx, 'warn', 'CG_PATH_PARAM_UNDECLARED', operationPointer, `path parameter {${name}} is not declared`, 'declare it under parameters with in: path; it is typed as string');
      declared.push({ value: { name, in: 'path', required: true, schema: { type: 'string' } }, pointer: operationPointer, name, in: 'path' });
    }
  }
  declared.sort(
    (a, b) =>
      LOCATIONS.indexOf(a.in) - LOCATIONS.indexOf(b.in) ||
      (a.in === 'path' ? templateOrder.indexOf(a.name) - templateOrder.indexOf(b.name) : 0) ||
      compareStrings(a.name, b.name),
  );
  const keys = assignKeys(ctx, declared, operationPointer);
  return declared.map((p, i) => toIR(ctx, p, keys[i] ?? p.name));
}

function declare(ctx: BuildContext, raw: unknown, pointer: string): Declared | undefined {
  const resolved = deref(ctx, raw, pointer);
  if (resolved === undefined) return undefined;
  const name = ownString(resolved.value, 'name');
  const location = ownString(resolved.value, 'in');
  if (name === undefined || !LOCATIONS.includes(location as ParameterLocation)) {
    report(ctx, 'warn', 'CG_INVALID_PARAMETER', resolved.pointer, 'a parameter needs a name and in: path, query, header or cookie', 'fix the parameter; it is skipped');
    return undefined;
  }
  if (location === 'header' && IGNORED_HEADERS.has(name.toLowerCase())) return undefined;
  return { value: resolved.value, pointer: resolved.pointer, name, in: location as ParameterLocation };
}

/** `/repos/{owner}/{repo}` -> [owner, repo] */
export function pathTemplateNames(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] ?? '');
}

/**
 * Keys in location priority (path, query, header, cookie): the first to want a key gets it, a later
 * one is prefixed with its location (`queryId`), and `body` always belongs to the request body.
 */
function assignKeys(ctx: BuildContext, declared: readonly Declared[], pointer: string): string[] {
  const requests = declared.map((p, i) => {
    const key = inputKey(p.name);
    const clashes = key === 'body' || declared.some((q, j) => j < i && inputKey(q.name) === key);
    const candidate = clashes ? inputKey(`${p.in} ${p.name}`) : key;
    return { id: String(i).padStart(6, '0'), candidate, exact: !clashes };
  });
  const names = dedupe(requests, new Set(['body']));
  return requests.map((request, i) => {
    const key = names.get(request.id) ?? request.candidate;
    const p = declared[i];
    if (p !== undefined && !request.exact) {
      report(ctx, 'info', 'CG_PARAM_KEY_RENAMED', pointer, `${p.in} parameter ${JSON.stringify(p.name)} is input key ${JSON.stringify(key)}`, 'another parameter or the body uses the plain name');
    }
    return key;
  });
}

function toIR(ctx: BuildContext, p: Declared, key: string): ParameterIR {
  const value = p.value;
  const style = ownString(value, 'style');
  const explode = ownBool(value, 'explode');
  const allowReserved = ownBool(value, 'allowReserved');
  const required = p.in === 'path' ? true : ownBool(value, 'required') === true;
  const schema = own(value, 'schema');
  const type = schema !== undefined ? convertSchema(ctx, schema, child(p.pointer, 'schema')) : contentType(ctx, value, p.pointer);
  const docs = docsOf(value, ctx.openapi);
  const schemaDocs = docsOf(schema !== undefined && typeof schema === 'object' && schema !== null ? (schema as Obj) : undefined, ctx.openapi);
  if (style !== undefined && !STYLES.has(style)) {
    report(ctx, 'warn', 'CG_INVALID_PARAMETER', child(p.pointer, 'style'), `unknown style ${JSON.stringify(style)}`, 'use a style from the OpenAPI specification; the default is used');
  }
  // Field by field, in a fixed order (no spreads): runs for every parameter of every operation.
  const out = { name: p.name, key, in: p.in } as { -readonly [K in keyof ParameterIR]: ParameterIR[K] };
  if (style !== undefined && STYLES.has(style)) out.style = style as ParameterStyle;
  if (explode !== undefined) out.explode = explode;
  if (allowReserved === true) out.allowReserved = true;
  out.required = required;
  out.type = type;
  const constant = required ? onlyValue(type) : undefined;
  if (constant !== undefined) out.constant = constant;
  const description = docs.description ?? schemaDocs.description;
  if (description !== undefined) out.description = description;
  if (docs.deprecated === true) out.deprecated = true;
  if (schemaDocs.default !== undefined) out.default = schemaDocs.default;
  const example = docs.example ?? schemaDocs.example;
  if (example !== undefined) out.example = example;
  out.pointer = p.pointer;
  return out;
}

/** The single value a type allows (`const`, or an enum of one), if it is a plain scalar. */
function onlyValue(type: TypeNode): string | number | boolean | undefined {
  if (type.kind === 'literal') return type.value === null ? undefined : type.value;
  if ((type.kind === 'string' || type.kind === 'number' || type.kind === 'integer') && type.enum?.length === 1) return type.enum[0];
  return undefined;
}

/** `content: { application/json: { schema } }` instead of `schema`: typed, but sent as the runtime's default string form. */
function contentType(ctx: BuildContext, value: Obj, pointer: string): TypeNode {
  const content = ownObj(value, 'content');
  const mediaType = content === undefined ? undefined : Object.keys(content).sort(compareStrings)[0];
  if (content === undefined || mediaType === undefined) {
    report(ctx, 'warn', 'CG_INVALID_PARAMETER', pointer, 'a parameter needs a schema or content', 'add a schema; the parameter is typed as unknown');
    return { kind: 'unknown' };
  }
  report(ctx, 'info', 'CG_PARAM_CONTENT', child(pointer, 'content'), `parameter content ${mediaType} is serialised with the default style, not as ${mediaType}`, 'use schema + style for parameters where possible');
  return convertSchema(ctx, own(ownObj(content, mediaType), 'schema'), child(pointer, 'content', mediaType, 'schema'));
}
