/**
 * Path Item Object + Operation Object -> the parts of an OperationIR that come from the spec alone.
 * OpenAPI 3.0 §4.7.9-10 / 3.1 §4.8.9-10: one operation per HTTP method of a path item, with
 * parameters (merged with the path item's), a request body, responses, tags, deprecation, security.
 * The action name and pagination need the whole document (clashes, config), so document.ts adds them.
 */
import type { HttpMethod } from '@connectgen/runtime';
import { kebabCase } from '../infer/names.js';
import type { OperationIR } from '../types.js';
import type { BuildContext, Obj } from './context.js';
import { child, own, ownBool, ownObj, ownString, report } from './context.js';
import { buildParameters } from './parameter.js';
import { buildRequestBody } from './request-body.js';
import { buildResponses, successOf } from './response.js';
import { requirementNames } from './security-scheme.js';
import { buildOperationServers } from './server.js';

export const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** An operation as built from the spec; document.ts sets its name, pagination and final security in place. */
export type OperationDraft = Mutable<OperationIR>;

export function buildOperation(
  ctx: BuildContext,
  path: string,
  method: (typeof METHODS)[number],
  pathItem: Obj,
  pathItemPointer: string,
  operation: Obj,
  scopes: Map<string, Set<string>>,
): OperationDraft {
  const pointer = child(pathItemPointer, method);
  const operationId = ownString(operation, 'operationId');
  const tagList = own(operation, 'tags');
  const tags = Array.isArray(tagList) ? [...new Set(tagList.filter((tag): tag is string => typeof tag === 'string'))] : [];
  const summary = ownString(operation, 'summary') ?? ownString(pathItem, 'summary');
  const description = ownString(operation, 'description') ?? ownString(pathItem, 'description');
  const requestBody = own(operation, 'requestBody') === undefined ? undefined : buildRequestBody(ctx, own(operation, 'requestBody'), child(pointer, 'requestBody'));
  const responses = buildResponses(ctx, own(operation, 'responses'), child(pointer, 'responses'));
  const security = requirementNames(ctx, own(operation, 'security'), child(pointer, 'security'), scopes);
  const docsUrl = ownString(ownObj(operation, 'externalDocs'), 'url');
  const servers =
    own(operation, 'servers') !== undefined
      ? buildOperationServers(ctx, own(operation, 'servers'), child(pointer, 'servers'))
      : buildOperationServers(ctx, own(pathItem, 'servers'), child(pathItemPointer, 'servers'));
  if (operationId === undefined) {
    report(ctx, 'warn', 'CG_NO_OPERATION_ID', pointer, `${method.toUpperCase()} ${path} has no operationId; the action is named from its method and path`, 'add an operationId, or rename actions in connector.yaml');
  }
  // Assembled field by field (no spreads): this runs for every operation of very large specs, and
  // fields are set in one fixed order so the JSON form is stable. `name` is filled in by document.ts.
  const op = { name: '', method: method.toUpperCase() as HttpMethod, path, pointer } as OperationDraft;
  if (operationId !== undefined) op.operationId = operationId;
  if (nonEmpty(summary)) op.summary = summary;
  if (nonEmpty(description)) op.description = description;
  op.deprecated = ownBool(operation, 'deprecated') === true;
  op.tags = tags;
  op.group = kebabCase(tags[0] ?? resourceOf(path));
  op.parameters = buildParameters(ctx, path, own(pathItem, 'parameters'), pathItemPointer, own(operation, 'parameters'), pointer);
  if (requestBody !== undefined) op.requestBody = requestBody;
  op.responses = responses;
  op.success = successOf(responses);
  if (security !== undefined) op.security = security;
  if (docsUrl !== undefined) op.docsUrl = docsUrl;
  if (servers !== undefined) op.servers = servers;
  return op;
}

/**
 * The group of an untagged operation: its first path segment that names a resource, skipping
 * versions and `api` (`/v1/customers/{id}` -> `customers`). Without this, a spec with no tags
 * (Stripe) put every action into one multi-megabyte file.
 */
function resourceOf(path: string): string {
  // AWS specs make paths unique with a fragment or query (`/#X-Amz-Target=Kinesis.PutRecord`);
  // neither names a resource.
  for (const segment of path.replace(/[#?].*$/s, '').split('/')) {
    if (segment === '' || segment.includes('{') || /^(v\d+(\.\d+)*|api|rest)$/i.test(segment)) continue;
    return segment;
  }
  return 'default';
}

function nonEmpty(text: string | undefined): text is string {
  return text !== undefined && text.trim() !== '';
}
