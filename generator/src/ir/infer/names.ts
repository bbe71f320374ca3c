/**
 * Identifiers from spec text. Everything a spec names (operationIds, schema keys, parameter names)
 * becomes a TypeScript identifier here, once, so no emitter ever has to sanitise a name:
 * - action names: camelCase of the operationId, else of method + path (`GET /pets/{id}` -> `getPetsById`);
 * - type names: PascalCase (`Foo.Bar-baz` -> `FooBarBaz`, `123abc` -> `_123abc`);
 * - input keys: the wire name when it already is an identifier (`per_page` stays), else camelCase
 *   (`X-Request-Id` -> `xRequestId`).
 * None is a reserved word or a global type the generated code relies on, and clashes are broken
 * deterministically by `dedupe`, whatever order the spec lists things in.
 */

/** JS/TS reserved words, strict-mode and contextual words that cannot (or should not) name a binding. */
const RESERVED = new Set([
  'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do',
  'else', 'enum', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in',
  'instanceof', 'new', 'null', 'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof',
  'var', 'void', 'while', 'with', 'yield', 'let', 'static', 'implements', 'interface', 'package',
  'private', 'protected', 'public', 'arguments', 'eval', 'undefined', 'NaN', 'Infinity',
  // TypeScript type keywords and names that would read badly as values.
  'any', 'unknown', 'never', 'object', 'string', 'number', 'boolean', 'symbol', 'bigint', 'as', 'is',
  'keyof', 'type', 'declare', 'namespace', 'module', 'readonly', 'infer', 'constructor', 'prototype',
  '__proto__',
]);

/**
 * Global types and runtime names that generated files use: a schema called `Record` or `Blob` must
 * not shadow them.
 */
const RESERVED_TYPE_NAMES = new Set([
  'Array', 'ArrayBuffer', 'Awaited', 'Blob', 'Boolean', 'Date', 'Error', 'Exclude', 'Extract', 'File',
  'FormData', 'Function', 'Iterable', 'AsyncIterable', 'AsyncIterableIterator', 'JSON', 'Map', 'Math',
  'NonNullable', 'Number', 'Object', 'Omit', 'Parameters', 'Partial', 'Pick', 'Promise', 'Readonly',
  'ReadonlyArray', 'Record', 'Required', 'ReturnType', 'Set', 'String', 'Symbol', 'Uint8Array',
  'Action', 'PaginatedAction', 'CallOptions', 'PaginateOptions', 'Page', 'PageState', 'ConnectorClient',
  'ConnectorDefinition', 'ConnectorOptions', 'OperationSpec', 'AuthCredentials', 'ApiKeyCredentials',
  'BasicCredentials', 'BearerCredentials', 'OAuth2Credentials', 'ActionResponse', 'BlobLike',
]);

// ASCII only: generated files are read in every editor and terminal, and emit re-checks names with
// the same ASCII rule. Letters with accents lose them (`café` -> `cafe`); other characters become
// their code point (`名前` -> `U540dU524d`), so distinct names stay distinct.
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const WORD_SEPARATOR = /[^A-Za-z0-9]+/;

export function isIdentifier(text: string): boolean {
  return IDENTIFIER.test(text);
}

export function isReserved(name: string): boolean {
  return RESERVED.has(name);
}

/**
 * Words of a name: split on anything that is not a letter or digit, and on lower->Upper and
 * ACRONYMWord boundaries (`getHTTPStatus` -> get, HTTP, Status).
 */
export function words(text: string): readonly string[] {
  let known = WORDS_SEEN.get(text);
  if (known === undefined) {
    // Bounded: a long-lived process (a language server, a test run) names many specs.
    if (WORDS_SEEN.size >= 10_000) WORDS_SEEN.clear();
    known = splitWords(text);
    WORDS_SEEN.set(text, known);
  }
  return known;
}

/**
 * Names already split. A large spec asks for the same few again and again (Microsoft Graph's 11,422
 * operations repeat `$top`, `$filter`, `$select`... as input keys: 0.5 s of splitting).
 */
const WORDS_SEEN = new Map<string, readonly string[]>();

function splitWords(text: string): string[] {
  const out: string[] = [];
  const ascii = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x00-\x7f]/gu, (c) => (/\p{L}|\p{N}/u.test(c) ? ` U${(c.codePointAt(0) ?? 0).toString(16)} ` : ' '));
  for (const chunk of ascii.split(WORD_SEPARATOR)) {
    if (chunk === '') continue;
    const parts = chunk.split(/(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/);
    for (const part of parts) if (part !== '') out.push(part);
  }
  return out;
}

function capitalise(word: string): string {
  // A word in all capitals reads as an acronym: `URL` -> `Url` keeps camelCase readable.
  const lower = word === word.toUpperCase() && word.length > 1 ? word.toLowerCase() : word;
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

function startSafely(name: string, fallback: string): string {
  if (name === '') return fallback;
  return isIdentifier(name) ? name : '_' + name;
}

/** `list_pets`, `pets/list`, `ListPets` -> `listPets`. */
export function camelCase(text: string, fallback = 'value'): string {
  const parts = words(text);
  if (parts.length === 0) return fallback;
  const [first = '', ...rest] = parts;
  return startSafely(first.toLowerCase() + rest.map(capitalise).join(''), fallback);
}

/** `foo.bar-baz` -> `FooBarBaz`. */
export function pascalCase(text: string, fallback = 'Type'): string {
  return startSafely(words(text).map(capitalise).join(''), fallback);
}

/**
 * `My API (v2)` -> `my-api-v2`; ASCII only, for file and package names. `splitCase: false` keeps
 * brand names whole (`GitHub's API` -> `githubs-api`, not `git-hub-s-api`).
 */
export function kebabCase(text: string, fallback = 'default', splitCase = true): string {
  const source = text.replace(/['\u2019]/g, '');
  const parts = splitCase ? words(source) : words(source.toLowerCase());
  const lower = parts.map((word) => word.toLowerCase());
  return lower.length === 0 ? fallback : lower.join('-');
}

/** Action name candidate from an operationId (rename has not run yet). */
export function actionName(operationId: string): string {
  return safeValueName(camelCase(operationId, 'action'));
}

/** `get`, `/pets/{petId}/photos` -> `getPetsByPetIdPhotos`; `/` -> `getRoot`. */
export function actionNameFromPath(method: string, path: string): string {
  const parts: string[] = [method.toLowerCase()];
  for (const segment of path.split('/')) {
    if (segment === '') continue;
    const param = /^\{(.+)\}$/.exec(segment);
    parts.push(param ? 'by ' + (param[1] ?? '') : segment);
  }
  if (parts.length === 1) parts.push('root');
  return safeValueName(camelCase(parts.join(' '), 'action'));
}

/** A value-space identifier that is not reserved (`delete` -> `delete_`). */
export function safeValueName(name: string): string {
  return RESERVED.has(name) ? name + '_' : name;
}

/** Type name for a schema key: PascalCase, never a reserved word or a global the generated code uses. */
export function typeName(specName: string): string {
  const name = pascalCase(specName, 'Schema');
  return RESERVED_TYPE_NAMES.has(name) || RESERVED.has(name) ? name + 'Type' : name;
}

/** Input key of a parameter: the wire name when it is already a usable identifier, else camelCase. */
export function inputKey(wireName: string): string {
  const key = isIdentifier(wireName) ? wireName : camelCase(wireName, 'param');
  return safeValueName(key);
}

export interface NameRequest {
  /** Stable identity of the thing being named (pointer, operationId...), used to order ties. */
  readonly id: string;
  /** Preferred name. */
  readonly candidate: string;
  /** True when the candidate is exactly what the spec wrote: such entries win a clash. */
  readonly exact?: boolean;
}

/**
 * Gives every request a unique name: ties go to the exact spellings first, then by id; the losers
 * get `2`, `3`... never colliding with another request's own candidate or a `taken` name. The order
 * of `requests` does not matter.
 */
export function dedupe(requests: readonly NameRequest[], taken: ReadonlySet<string> = new Set()): Map<string, string> {
  const wanted = new Set(requests.map((request) => request.candidate));
  const used = new Set(taken);
  const ordered = [...requests].sort(
    (a, b) => Number(!a.exact) - Number(!b.exact) || compareStrings(a.id, b.id),
  );
  const result = new Map<string, string>();
  // First pass: each candidate to its first claimant.
  const losers: NameRequest[] = [];
  for (const request of ordered) {
    if (used.has(request.candidate)) losers.push(request);
    else {
      used.add(request.candidate);
      result.set(request.id, request.candidate);
    }
  }
  for (const request of losers) {
    let n = 2;
    while (used.has(request.candidate + n) || wanted.has(request.candidate + n)) n++;
    used.add(request.candidate + n);
    result.set(request.id, request.candidate + n);
  }
  return result;
}

/** Code-point order, independent of locale (what `sort()` does, as a comparator). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
