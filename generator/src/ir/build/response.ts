/**
 * Responses Object and Response Object -> ResponseIR[] and the action's SuccessIR.
 * OpenAPI 3.0 §4.7.16-17 / 3.1 §4.8.16-17: responses by status code (`200`, `2XX`, `default`), each
 * with `content` by media type and `headers`. The action returns the body of any success status:
 * the union of the 2XX bodies read the same way as the first (`200` before `201` before `2XX`), so
 * an API answering 200 with the resource or 202 with a job is typed as either; `default` when no
 * 2XX is declared. An empty success beside a JSON one (a 204 next to a 200) adds nothing.
 */
import type { ResponseIR, SuccessIR, TypeNode } from '../types.js';
import { compareStrings } from '../infer/names.js';
import type { BuildContext } from './context.js';
import { child, deref, isObj, own, ownObj, ownString } from './context.js';
import { chooseMediaType, responseKind } from './media-type.js';
import { convertSchema } from './schema.js';

export function buildResponses(ctx: BuildContext, raw: unknown, pointer: string): ResponseIR[] {
  if (!isObj(raw)) return [];
  return Object.keys(raw)
    .filter((status) => /^([1-5](\d\d|XX)|default)$/i.test(status))
    .sort(compareStatus)
    .map((status) => buildResponse(ctx, status, raw[status], child(pointer, status)))
    .filter((response): response is ResponseIR => response !== undefined);
}

/** `200` < `201` < `2XX` < `300` ... < `default`. */
function compareStatus(a: string, b: string): number {
  const key = (status: string): string => (status === 'default' ? '9' : status.toUpperCase().replace(/X/g, '9') + '1');
  return compareStrings(key(a), key(b)) || compareStrings(a, b);
}

function buildResponse(ctx: BuildContext, status: string, raw: unknown, pointer: string): ResponseIR | undefined {
  const resolved = deref(ctx, raw, pointer);
  if (resolved === undefined) return undefined;
  const content = ownObj(resolved.value, 'content') ?? {};
  const mediaType = chooseMediaType(Object.keys(content));
  const kind = responseKind(mediaType);
  let type: TypeNode = { kind: 'unknown' };
  if (kind === 'binary') type = { kind: 'binary' };
  else if (mediaType !== undefined) {
    type = convertSchema(ctx, own(ownObj(content, mediaType), 'schema'), child(resolved.pointer, 'content', mediaType, 'schema'));
    if (kind === 'text' && type.kind === 'unknown') type = { kind: 'string' };
  }
  const headers = Object.keys(ownObj(resolved.value, 'headers') ?? {})
    .map((name) => name.toLowerCase())
    .sort(compareStrings);
  const description = ownString(resolved.value, 'description');
  const response: { -readonly [K in keyof ResponseIR]: ResponseIR[K] } = { status: status.toUpperCase() === 'DEFAULT' ? 'default' : status.toUpperCase() } as ResponseIR;
  if (description !== undefined && description.trim() !== '') response.description = description;
  if (mediaType !== undefined) response.mediaType = mediaType;
  response.kind = kind;
  response.type = type;
  response.headers = headers.length < 2 ? headers : [...new Set(headers)];
  response.pointer = resolved.pointer;
  return response;
}

/**
 * For kind `empty` the action resolves to `void`; `type` is then `unknown` and unused. With no
 * responses declared at all, the body is read as JSON of unknown shape.
 */
export function successOf(responses: readonly ResponseIR[]): SuccessIR {
  const successes = responses.filter((r) => r.status.startsWith('2'));
  const chosen = successes[0] ?? responses.find((r) => r.status === 'default');
  if (chosen === undefined) return { status: 'default', kind: 'json', type: { kind: 'unknown' } };
  return {
    status: chosen.status,
    kind: chosen.kind,
    ...(chosen.mediaType !== undefined ? { mediaType: chosen.mediaType } : {}),
    type: unionOf(successes.filter((r) => r.kind === chosen.kind).map((r) => r.type), chosen.type),
  };
}

/** The distinct types, in status order; one type stays itself, and `unknown` absorbs the rest. */
function unionOf(types: readonly TypeNode[], first: TypeNode): TypeNode {
  if (types.some((type) => type.kind === 'unknown')) return types.length > 1 ? { kind: 'unknown' } : first;
  const seen = new Set<string>();
  const members = types.filter((type) => {
    const key = JSON.stringify(type);
    return seen.has(key) ? false : (seen.add(key), true);
  });
  if (members.length <= 1) return first;
  return { kind: 'union', members: members.flatMap((member) => (member.kind === 'union' && member.discriminator === undefined ? member.members : [member])) };
}
