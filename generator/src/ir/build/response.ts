/**
 * Responses Object and Response Object -> ResponseIR[] and the action's SuccessIR.
 * OpenAPI 3.0 §4.7.16-17 / 3.1 §4.8.16-17: responses by status code (`200`, `2XX`, `default`), each
 * with `content` by media type and `headers`. The action returns the body of the first success
 * status in numeric order (`200` before `201` before `2XX`), or `default` when no 2XX is declared.
 * Other success statuses with different bodies are not unioned in: APIs that do so are rare and a
 * union would make the common case worse to use.
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
  const chosen = responses.find((r) => r.status.startsWith('2')) ?? responses.find((r) => r.status === 'default');
  if (chosen === undefined) return { status: 'default', kind: 'json', type: { kind: 'unknown' } };
  return {
    status: chosen.status,
    kind: chosen.kind,
    ...(chosen.mediaType !== undefined ? { mediaType: chosen.mediaType } : {}),
    type: chosen.type,
  };
}
