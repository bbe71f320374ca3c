/**
 * The one walk: visits a Swagger 2.0 or OpenAPI 3.x document once, following the spec's structure
 * (paths -> operations -> parameters/bodies/responses -> schemas, components/definitions), and
 * collects the nodes rules look at. External `$ref`s are followed into their files once, so a node in
 * a referenced file is reported against that file. Internal `$ref`s are not followed: every internal
 * target is visited where it is defined, which keeps the walk linear in the size of the document.
 */
import { dirname, resolve as resolvePath } from 'node:path';
import { fromPointer } from '../diagnostics/diagnostic.js';
import { isObject, type JsonObject } from './rule.js';

export type SpecVersion = 'swagger-2.0' | 'openapi-3.0' | 'openapi-3.1';
export type Path = (string | number)[];

/** A parsed file: the spec itself or one it references. */
export interface SourceFile {
  readonly uri: string;
  readonly text: string;
  readonly format: 'json' | 'yaml';
  readonly document: unknown;
}
/** Reads a referenced file; `undefined` when it cannot (the OAS rules report broken refs). */
export type ReadSource = (uri: string) => SourceFile | undefined;

export interface Located {
  readonly node: JsonObject;
  readonly path: Path;
  readonly file: string;
}
export interface OperationNode extends Located {
  readonly method: string;
  readonly pathKey: string;
  /** `path` for `paths`, `webhook` for 3.1 `webhooks`, `callback` inside callbacks, `component` in 3.1 `components.pathItems`. */
  readonly kind: 'path' | 'webhook' | 'callback' | 'component';
}
type Kind = 'pathItem' | 'operation' | 'parameter' | 'requestBody' | 'response' | 'header' | 'mediaType' | 'schema' | 'callback' | 'securityScheme' | 'other';
export interface RefNode extends Located {
  readonly ref: string;
  readonly kind: Kind;
}

export interface SpecIndex {
  readonly version: SpecVersion;
  readonly file: string;
  readonly root: JsonObject;
  readonly pathItems: (Located & { readonly pathKey: string })[];
  readonly operations: OperationNode[];
  readonly schemas: Located[];
  readonly securitySchemes: (Located & { readonly name: string })[];
  readonly refs: RefNode[];
  /** Every file read, the spec first. */
  readonly files: Map<string, SourceFile>;
  /** Resolves `ref` written in `file` to the node it names. */
  resolve(file: string, ref: string): Located | undefined;
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

// JSON Schema keywords whose value is a schema, a list of schemas, or a map of schemas.
const SCHEMA_ONE = ['additionalProperties', 'items', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'additionalItems', 'unevaluatedItems', 'unevaluatedProperties', 'contentSchema'];
const SCHEMA_LIST = ['allOf', 'anyOf', 'oneOf', 'prefixItems', 'items'];
const SCHEMA_MAP = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];

export function indexSpec(spec: SourceFile, version: SpecVersion, read: ReadSource): SpecIndex {
  const root = isObject(spec.document) ? spec.document : {};
  const files = new Map<string, SourceFile>([[spec.uri, spec]]);
  const index: SpecIndex = {
    version, file: spec.uri, root, files,
    pathItems: [], operations: [], schemas: [], securitySchemes: [], refs: [],
    resolve: (file, ref) => resolveRef(files, read, file, ref),
  };
  const swagger2 = version === 'swagger-2.0';
  const visitedExternal = new Set<string>();
  const onStack = new Set<object>();

  function visit(kind: Kind, value: unknown, path: Path, file: string, extra: { pathKey?: string; opKind?: OperationNode['kind'] } = {}): void {
    if (!isObject(value) || onStack.has(value)) return;
    if (typeof value['$ref'] === 'string') {
      index.refs.push({ node: value, path, file, ref: value['$ref'], kind });
      followExternal(kind, file, value['$ref'], extra);
      // 3.1 schemas may carry keywords beside $ref; other objects are only a reference.
      if (kind !== 'schema' || version !== 'openapi-3.1') return;
    }
    onStack.add(value);
    const at = (key: string | number): Path => [...path, key];
    const each = (child: Kind, map: unknown, base: Path): void => {
      if (isObject(map)) for (const [k, v] of Object.entries(map)) visit(child, v, [...base, k], file, extra);
    };
    const list = (child: Kind, items: unknown, base: Path): void => {
      if (Array.isArray(items)) items.forEach((v, i) => visit(child, v, [...base, i], file, extra));
    };
    switch (kind) {
      case 'pathItem': {
        const pathKey = extra.pathKey ?? '';
        index.pathItems.push({ node: value, path, file, pathKey });
        list('parameter', value['parameters'], at('parameters'));
        for (const method of HTTP_METHODS) {
          if (value[method] !== undefined) visit('operation', value[method], at(method), file, { ...extra, pathKey });
        }
        break;
      }
      case 'operation': {
        const method = String(path[path.length - 1]);
        index.operations.push({ node: value, path, file, method, pathKey: extra.pathKey ?? '', kind: extra.opKind ?? 'path' });
        list('parameter', value['parameters'], at('parameters'));
        visit('requestBody', value['requestBody'], at('requestBody'), file);
        each('response', value['responses'], at('responses'));
        each('callback', value['callbacks'], at('callbacks'));
        break;
      }
      case 'callback':
        for (const [expression, item] of Object.entries(value)) visit('pathItem', item, at(expression), file, { pathKey: expression, opKind: 'callback' });
        break;
      case 'parameter':
      case 'header':
        if (swagger2 && value['in'] !== 'body') visitSchema(value, path, file); // 2.0: the parameter is its own schema
        visit('schema', value['schema'], at('schema'), file);
        each('mediaType', value['content'], at('content'));
        break;
      case 'requestBody':
        each('mediaType', value['content'], at('content'));
        break;
      case 'response':
        visit('schema', value['schema'], at('schema'), file);
        each('header', value['headers'], at('headers'));
        each('mediaType', value['content'], at('content'));
        break;
      case 'mediaType':
        visit('schema', value['schema'], at('schema'), file);
        break;
      case 'schema':
        visitSchema(value, path, file);
        break;
      case 'securityScheme':
        index.securitySchemes.push({ node: value, path, file, name: String(path[path.length - 1]) });
        break;
      case 'other':
        break;
    }
    onStack.delete(value);
  }

  function visitSchema(schema: JsonObject, path: Path, file: string): void {
    index.schemas.push({ node: schema, path, file });
    for (const key of SCHEMA_ONE) if (isObject(schema[key])) visit('schema', schema[key], [...path, key], file);
    for (const key of SCHEMA_LIST) {
      const items = schema[key];
      if (Array.isArray(items)) items.forEach((v, i) => visit('schema', v, [...path, key, i], file));
    }
    for (const key of SCHEMA_MAP) {
      const map = schema[key];
      if (isObject(map)) for (const [k, v] of Object.entries(map)) visit('schema', v, [...path, key, k], file);
    }
  }

  function followExternal(kind: Kind, file: string, ref: string, extra: { pathKey?: string; opKind?: OperationNode['kind'] }): void {
    if (ref.startsWith('#')) return;
    const target = resolveRef(files, read, file, ref);
    if (!target) return;
    const key = `${target.file}#${target.path.join('/')}`;
    if (visitedExternal.has(key)) return;
    visitedExternal.add(key);
    visit(kind, target.node, target.path, target.file, extra);
  }

  const at = (...path: Path): Path => path;
  if (isObject(root['paths'])) {
    for (const [pathKey, item] of Object.entries(root['paths'])) visit('pathItem', item, at('paths', pathKey), spec.uri, { pathKey, opKind: 'path' });
  }
  if (isObject(root['webhooks'])) {
    for (const [name, item] of Object.entries(root['webhooks'])) visit('pathItem', item, at('webhooks', name), spec.uri, { pathKey: name, opKind: 'webhook' });
  }
  const sections: [Kind, Path][] = swagger2
    ? [['schema', ['definitions']], ['parameter', ['parameters']], ['response', ['responses']], ['securityScheme', ['securityDefinitions']]]
    : [
        ['schema', ['components', 'schemas']], ['parameter', ['components', 'parameters']], ['response', ['components', 'responses']],
        ['requestBody', ['components', 'requestBodies']], ['header', ['components', 'headers']], ['callback', ['components', 'callbacks']],
        ['securityScheme', ['components', 'securitySchemes']], ['pathItem', ['components', 'pathItems']],
      ];
  for (const [kind, path] of sections) {
    const map = getAt(root, path);
    if (isObject(map)) for (const [k, v] of Object.entries(map)) visit(kind, v, [...path, k], spec.uri, { pathKey: k, opKind: 'component' });
  }
  return index;
}

export function getAt(root: unknown, path: readonly (string | number)[]): unknown {
  let node = root;
  for (const segment of path) {
    if (Array.isArray(node)) node = node[Number(segment)];
    else if (isObject(node)) node = node[segment];
    else return undefined;
  }
  return node;
}

/** The file or URL `ref` (written in `file`) names, without its `#pointer`; `file` for an internal ref. */
export function refTarget(file: string, ref: string): string {
  const hash = ref.indexOf('#');
  const location = hash === -1 ? ref : ref.slice(0, hash);
  if (location === '') return file;
  if (/^[a-z][a-z0-9+.-]+:/i.test(location)) return URL.canParse(location) ? new URL(location).href : location;
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(file) ? new URL(location, file).href : resolvePath(dirname(file), decodeURI(location));
}

/** `other.yaml#/a/b` written in `file` -> the file and node it names (reading the file if needed). */
function resolveRef(files: Map<string, SourceFile>, read: ReadSource, file: string, ref: string): Located | undefined {
  const hash = ref.indexOf('#');
  const pointer = hash === -1 ? '' : ref.slice(hash + 1);
  const target = refTarget(file, ref);
  let source = files.get(target);
  if (!source) {
    source = read(target);
    if (!source) return undefined;
    files.set(target, source);
  }
  let path: Path;
  try {
    path = fromPointer(pointer);
  } catch {
    return undefined; // a malformed %-escape: the OAS rules report the broken ref
  }
  const node = getAt(source.document, path);
  return isObject(node) ? { node, path, file: target } : undefined;
}
