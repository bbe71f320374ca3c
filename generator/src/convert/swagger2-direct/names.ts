/**
 * The name rules swagger2openapi applies (oas-kit-common), restated so the direct converter names
 * components, request bodies and hashes exactly as it does.
 */

/** Component names: the first `[]` becomes `Array`, and in the first segment every run of other characters than `A-Za-z0-9_-.` becomes `_`. */
export function sanitise(name: string): string {
  const segments = name.replace('[]', 'Array').split('/');
  segments[0] = segments[0]!.replace(/[^A-Za-z0-9_\-.]+|\s+/gm, '_');
  return segments.join('/');
}

/** As sanitise, with every `/` made `_` first. */
export function sanitiseAll(name: string): string {
  return sanitise(name.split('/').join('_'));
}

/** Lower-cased, each character after `-`, `_`, space, `/` or `.` upper-cased (and the separator dropped). */
export function camelCase(text: string): string {
  return text.toLowerCase().replace(/[-_ /.](.)/g, (_match, next: string) => next.toUpperCase());
}

/** The 32-bit string hash swagger2openapi keys request bodies by (two bodies with one hash are one body to it). */
export function hashText(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = ((hash << 5) - hash + text.charCodeAt(i)) | 0;
  return hash;
}

/** Array entries after their first occurrence dropped. */
export const unique = <T>(values: readonly T[]): T[] => values.filter((value, index) => values.indexOf(value) === index);

/** Properties of a Swagger 2.0 parameter or header that belong to its schema in OpenAPI 3 (in this order). */
export const SCHEMA_PROPERTIES = [
  'format', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'multipleOf',
  'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties', 'additionalProperties', 'pattern', 'enum', 'default',
] as const;

export const HTTP_METHODS: ReadonlySet<string> = new Set(['get', 'post', 'put', 'delete', 'patch', 'head', 'options', 'trace']);
