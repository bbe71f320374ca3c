/**
 * `lint --fix`: only the fixes whose result is obvious, each reported, none changing what the API does:
 * - CG_PATH_TRAILING_SLASH: `/pets/` -> `/pets`, unless `/pets` already exists (then it is left, and
 *   the report says why);
 * - CG_NO_OPERATION_ID: an operationId from method and path (`GET /pets/{id}` -> `getPetsById`), made
 *   unique against every id in the document;
 * - CG_NO_INFO_DESCRIPTION: a description that says it is a placeholder.
 * YAML is edited through `yaml`'s Document API, so comments, order and quoting survive; JSON keeps
 * its key order and indentation.
 */
import { isMap, parseDocument, type Document, type YAMLMap } from 'yaml';
import { isObject, type JsonObject } from './rule.js';
import { HTTP_METHODS, type SpecVersion } from './walk.js';

export interface FixReport {
  readonly code: string;
  readonly pointer: string;
  readonly message: string;
}
export interface FixResult {
  /** The fixed document, or the input unchanged if nothing was fixed. */
  readonly text: string;
  readonly fixed: readonly FixReport[];
  /** Problems left alone on purpose, with the reason. */
  readonly skipped: readonly FixReport[];
}

/** The three edits fixes need, on either a YAML Document or plain JSON data. */
interface Editor {
  renameKey(parent: string[], from: string, to: string): void;
  /** Sets `key` on the object at `path`, placed after `after` when it exists, else first. */
  insert(path: string[], key: string, value: string, after?: string): void;
  toString(): string;
}

export function fixSpec(text: string, format: 'json' | 'yaml', document: JsonObject, _version: SpecVersion): FixResult {
  const editor = format === 'json' ? jsonEditor(text) : yamlEditor(parseDocument(text));
  const fixed: FixReport[] = [];
  const skipped: FixReport[] = [];
  const paths = isObject(document['paths']) ? document['paths'] : {};
  const pointer = (...segments: string[]): string => segments.map((s) => '/' + s.replace(/~/g, '~0').replace(/\//g, '~1')).join('');

  const ids = new Set<string>();
  for (const item of Object.values(paths)) {
    if (!isObject(item)) continue;
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (isObject(op) && typeof op['operationId'] === 'string') ids.add(op['operationId']);
    }
  }

  for (const [pathKey, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!isObject(op) || (typeof op['operationId'] === 'string' && op['operationId'].trim() !== '')) continue;
      const id = unique(operationIdFor(method, pathKey.replace(/\/+$/, '')), ids);
      editor.insert(['paths', pathKey, method], 'operationId', id);
      fixed.push({ code: 'CG_NO_OPERATION_ID', pointer: pointer('paths', pathKey, method), message: `added operationId "${id}" to ${method.toUpperCase()} ${pathKey}` });
    }
  }

  for (const pathKey of Object.keys(paths)) {
    if (pathKey.length <= 1 || !pathKey.endsWith('/')) continue;
    const trimmed = pathKey.replace(/\/+$/, '') || '/';
    if (trimmed in paths) {
      skipped.push({ code: 'CG_PATH_TRAILING_SLASH', pointer: pointer('paths', pathKey), message: `left "${pathKey}": "${trimmed}" already exists; merge the two by hand` });
      continue;
    }
    editor.renameKey(['paths'], pathKey, trimmed);
    fixed.push({ code: 'CG_PATH_TRAILING_SLASH', pointer: pointer('paths', pathKey), message: `renamed path "${pathKey}" to "${trimmed}"` });
  }

  const info = document['info'];
  if (isObject(info) && !(typeof info['description'] === 'string' && info['description'].trim() !== '')) {
    const title = typeof info['title'] === 'string' && info['title'].trim() !== '' ? info['title'].trim() : 'this';
    const placeholder = `Placeholder added by connectgen lint --fix: describe what the ${title} API is for.`;
    editor.insert(['info'], 'description', placeholder, 'title');
    fixed.push({ code: 'CG_NO_INFO_DESCRIPTION', pointer: '/info', message: 'added a placeholder info.description; replace it with a real one' });
  }
  return { text: fixed.length > 0 ? editor.toString() : text, fixed, skipped };
}

/** `get` + `/pets/{petId}/toys` -> `getPetsByPetIdToys`. */
export function operationIdFor(method: string, path: string): string {
  const words = path
    .split('/')
    .filter((s) => s !== '')
    .map((segment) => {
      const param = /^\{(.+)\}$/.exec(segment);
      const name = (param ? param[1] ?? '' : segment).split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
      return (param ? 'By' : '') + name.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
    });
  return method.toLowerCase() + (words.join('') || 'Root');
}

function unique(id: string, taken: Set<string>): string {
  let candidate = id;
  for (let n = 2; taken.has(candidate); n++) candidate = `${id}${n}`;
  taken.add(candidate);
  return candidate;
}

function yamlEditor(doc: Document): Editor {
  const mapAt = (path: string[]): YAMLMap | undefined => {
    const node = doc.getIn(path, true);
    return isMap(node) ? node : undefined;
  };
  return {
    renameKey(parent, from, to) {
      const pair = mapAt(parent)?.items.find((p) => String((p.key as { value?: unknown })?.value ?? p.key) === from);
      if (pair) pair.key = doc.createNode(to);
    },
    insert(path, key, value, after) {
      const map = mapAt(path);
      if (!map) return;
      const at = after === undefined ? -1 : map.items.findIndex((p) => String((p.key as { value?: unknown })?.value ?? p.key) === after);
      map.items.splice(at + 1, 0, doc.createPair(key, value));
    },
    toString: () => doc.toString(),
  };
}

function jsonEditor(text: string): Editor {
  const data = JSON.parse(text) as JsonObject;
  const indent = /^[{[]\s*\n([ \t]+)/.exec(text.trimStart())?.[1] ?? '  ';
  const objectAt = (path: string[]): JsonObject | undefined => {
    let node: unknown = data;
    for (const key of path) node = isObject(node) ? node[key] : undefined;
    return isObject(node) ? node : undefined;
  };
  /** Rebuilds `target` in place with `entries`, keeping the key order given. */
  const reorder = (target: JsonObject, entries: [string, unknown][]): void => {
    for (const key of Object.keys(target)) delete target[key];
    for (const [k, v] of entries) target[k] = v;
  };
  return {
    renameKey(parent, from, to) {
      const map = objectAt(parent);
      if (map) reorder(map, Object.entries(map).map(([k, v]) => [k === from ? to : k, v]));
    },
    insert(path, key, value, after) {
      const map = objectAt(path);
      if (!map) return;
      const entries = Object.entries(map);
      const at = after === undefined ? -1 : entries.findIndex(([k]) => k === after);
      entries.splice(at + 1, 0, [key, value]);
      reorder(map, entries);
    },
    toString: () => JSON.stringify(data, null, indent) + (text.endsWith('\n') ? '\n' : ''),
  };
}
