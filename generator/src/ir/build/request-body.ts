/**
 * Request Body Object -> RequestBodyIR.
 * OpenAPI 3.0 §4.7.13 / 3.1 §4.8.13: `content` by media type, `required` (default false). The body
 * type is what the action's `body` input carries: a JSON value, a form object, or raw bytes for a
 * binary media type whatever its schema says (`string`/`binary`).
 */
import type { RequestBodyIR, TypeNode } from '../types.js';
import { compareStrings } from '../infer/names.js';
import type { BuildContext } from './context.js';
import { child, deref, own, ownBool, ownObj, ownString } from './context.js';
import { bodyEncoding, chooseMediaType } from './media-type.js';
import { convertSchema } from './schema.js';

export function buildRequestBody(ctx: BuildContext, raw: unknown, pointer: string): RequestBodyIR | undefined {
  const resolved = deref(ctx, raw, pointer);
  if (resolved === undefined) return undefined;
  const content = ownObj(resolved.value, 'content') ?? {};
  const mediaTypes = Object.keys(content).sort(compareStrings);
  const mediaType = chooseMediaType(mediaTypes);
  if (mediaType === undefined) return undefined;
  const encoding = bodyEncoding(mediaType);
  const at = child(resolved.pointer, 'content', mediaType, 'schema');
  const schema = own(ownObj(content, mediaType), 'schema');
  let type: TypeNode;
  if (encoding === 'binary') type = { kind: 'binary' };
  else if (encoding === 'text') {
    const converted = convertSchema(ctx, schema, at);
    type = converted.kind === 'unknown' ? { kind: 'string' } : converted;
  } else type = convertSchema(ctx, schema, at);
  const description = ownString(resolved.value, 'description');
  return {
    mediaType,
    encoding,
    required: ownBool(resolved.value, 'required') === true,
    type,
    ...(description !== undefined && description.trim() !== '' ? { description } : {}),
    mediaTypes,
    pointer: resolved.pointer,
  };
}
