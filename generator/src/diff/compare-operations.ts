/**
 * Actions, old vs new: matched by operationId, else by method and path (parameter names ignored),
 * then each matched pair compared input by input, body, success response and pagination.
 */
import type { OperationIR, ParameterIR } from '../ir/types.js';
import { at, childPointer, type DiffContext, type Subject } from './context.js';
import { compareTypes } from './compare-types.js';

export function compareOperations(ctx: DiffContext): void {
  const { pairs, removed, added } = matchOperations(ctx.oldIR.operations, ctx.newIR.operations);
  for (const op of removed) {
    ctx.add({ action: op.name, label: `action \`${op.name}\``, oldPointer: op.pointer }, {
      code: 'action-removed',
      impact: 'breaking',
      message: `removed (${op.method.toUpperCase()} ${op.path})`,
      reason: 'calls to it no longer compile',
    });
  }
  for (const op of added) {
    ctx.add({ action: op.name, label: `action \`${op.name}\``, newPointer: op.pointer }, {
      code: 'action-added',
      impact: 'additive',
      message: `added (${op.method.toUpperCase()} ${op.path})`,
      reason: 'a new action; existing calls are unaffected',
    });
  }
  for (const [before, after] of pairs) compareOperation(ctx, before, after);
}

interface Matched {
  readonly pairs: [OperationIR, OperationIR][];
  readonly removed: OperationIR[];
  readonly added: OperationIR[];
}

function matchOperations(oldOps: readonly OperationIR[], newOps: readonly OperationIR[]): Matched {
  const pairs: [OperationIR, OperationIR][] = [];
  const unmatchedNew = new Set(newOps);
  const byId = new Map(newOps.filter((op) => op.operationId).map((op) => [op.operationId!, op]));
  const byRoute = new Map(newOps.map((op) => [route(op), op]));
  const removed: OperationIR[] = [];
  for (const op of oldOps) {
    const byOperationId = op.operationId ? byId.get(op.operationId) : undefined;
    const candidate = byOperationId && unmatchedNew.has(byOperationId) ? byOperationId : byRoute.get(route(op));
    if (candidate && unmatchedNew.has(candidate)) {
      pairs.push([op, candidate]);
      unmatchedNew.delete(candidate);
    } else removed.push(op);
  }
  return { pairs, removed, added: newOps.filter((op) => unmatchedNew.has(op)) };
}

/** `get /pets/{}`: path parameter names do not make a different endpoint. */
function route(op: OperationIR): string {
  return `${op.method} ${op.path.replace(/\{[^}]*\}/g, '{}')}`;
}

function compareOperation(ctx: DiffContext, before: OperationIR, after: OperationIR): void {
  const subject: Subject = { action: after.name, label: `action \`${after.name}\``, oldPointer: before.pointer, newPointer: after.pointer };
  if (before.name !== after.name) {
    ctx.add({ ...subject, action: after.name }, {
      code: 'action-renamed',
      impact: 'breaking',
      message: `renamed from \`${before.name}\``,
      reason: 'calls by the old name no longer compile',
    });
    // The old name disappears from the API too: the cross-check of the types looks for it.
    ctx.add({ ...subject, action: before.name, label: `action \`${before.name}\`` }, {
      code: 'action-renamed',
      impact: 'breaking',
      message: `renamed to \`${after.name}\``,
      reason: 'calls by the old name no longer compile',
    });
  }
  if (before.method !== after.method || before.path !== after.path) {
    ctx.add(subject, {
      code: 'action-endpoint-changed',
      impact: 'patch',
      message: `now ${after.method.toUpperCase()} ${after.path} (was ${before.method.toUpperCase()} ${before.path})`,
      reason: 'the connector calls the new endpoint; callers change nothing',
      typed: false,
    });
  }
  if (!before.deprecated && after.deprecated) {
    ctx.add(subject, { code: 'action-deprecated', impact: 'patch', message: 'deprecated', reason: 'it still works; plan to move off it', typed: false });
  }
  compareParameters(ctx, before, after, subject);
  compareBody(ctx, before, after, subject);
  compareSuccess(ctx, before, after, subject);
  comparePagination(ctx, before, after, subject);
}

function compareParameters(ctx: DiffContext, before: OperationIR, after: OperationIR, subject: Subject): void {
  const input = { ...subject, label: `${subject.label} input` };
  const oldParams = new Map(before.parameters.filter(settable).map((p) => [p.key, p]));
  const newParams = new Map(after.parameters.filter(settable).map((p) => [p.key, p]));
  for (const [key, p] of oldParams) {
    const q = newParams.get(key);
    const place: Subject = { ...input, oldPointer: p.pointer, newPointer: q?.pointer ?? after.pointer };
    if (!q) {
      ctx.add(place, { code: 'parameter-removed', impact: 'breaking', message: `parameter \`${key}\` removed`, reason: 'callers passing it no longer type-check' });
      continue;
    }
    if (p.required !== q.required) {
      ctx.add(place, q.required
        ? { code: 'parameter-made-required', impact: 'breaking', message: `parameter \`${key}\` is now required`, reason: 'callers that leave it out no longer type-check' }
        : { code: 'parameter-made-optional', impact: 'additive', message: `parameter \`${key}\` is now optional`, reason: 'callers may now leave it out' });
    }
    if (p.in !== q.in || p.name !== q.name) {
      ctx.add(place, { code: 'parameter-moved', impact: 'patch', message: `parameter \`${key}\` is now sent as ${q.in} \`${q.name}\` (was ${p.in} \`${p.name}\`)`, reason: 'the connector sends it where the API wants it; callers change nothing', typed: false });
    }
    compareTypes(ctx, p.type, q.type, 'input', at(place, 'schema'), `parameter \`${key}\``);
  }
  for (const [key, q] of newParams) {
    if (oldParams.has(key)) continue;
    ctx.add({ ...input, oldPointer: before.pointer, newPointer: q.pointer }, q.required
      ? { code: 'parameter-added-required', impact: 'breaking', message: `required parameter \`${key}\` added`, reason: 'callers that do not pass it no longer type-check' }
      : { code: 'parameter-added-optional', impact: 'additive', message: `optional parameter \`${key}\` added`, reason: 'callers may pass it; existing calls are unaffected' });
  }
}

/** Parameters the spec pins to one value are filled in by the runtime: not something a caller must send. */
function settable(p: ParameterIR): boolean {
  return !('constant' in p && p.constant !== undefined) || !p.required;
}

function compareBody(ctx: DiffContext, before: OperationIR, after: OperationIR, subject: Subject): void {
  const a = before.requestBody;
  const b = after.requestBody;
  const input = { ...subject, label: `${subject.label} input` };
  if (!a && !b) return;
  if (!a || !b) {
    const place = { ...input, oldPointer: a?.pointer ?? before.pointer, newPointer: b?.pointer ?? after.pointer };
    if (b) ctx.add(place, b.required
      ? { code: 'request-body-added', impact: 'breaking', message: 'now requires a `body`', reason: 'callers that do not pass one no longer type-check' }
      : { code: 'request-body-added', impact: 'additive', message: 'accepts an optional `body`', reason: 'callers may pass one' });
    else ctx.add(place, { code: 'request-body-removed', impact: 'breaking', message: '`body` removed', reason: 'callers passing one no longer type-check' });
    return;
  }
  const place: Subject = { ...input, oldPointer: childPointer(a.pointer, 'content', a.mediaType, 'schema'), newPointer: childPointer(b.pointer, 'content', b.mediaType, 'schema') };
  if (a.required !== b.required) {
    ctx.add(place, b.required
      ? { code: 'request-body-made-required', impact: 'breaking', message: '`body` is now required', reason: 'callers that leave it out no longer type-check' }
      : { code: 'request-body-made-optional', impact: 'additive', message: '`body` is now optional', reason: 'callers may now leave it out' });
  }
  if (a.mediaType !== b.mediaType) {
    ctx.add(place, { code: 'request-body-media-type-changed', impact: 'patch', message: `body sent as ${b.mediaType} (was ${a.mediaType})`, reason: 'the connector encodes it; callers change nothing', typed: false });
  }
  compareTypes(ctx, a.type, b.type, 'input', place, '`body`');
}

function compareSuccess(ctx: DiffContext, before: OperationIR, after: OperationIR, subject: Subject): void {
  const pointer = (op: OperationIR) => {
    const response = op.responses.find((r) => r.status === op.success.status);
    if (!response) return op.pointer;
    return response.mediaType ? childPointer(response.pointer, 'content', response.mediaType, 'schema')! : response.pointer;
  };
  const place: Subject = { ...subject, label: `${subject.label} output`, oldPointer: pointer(before), newPointer: pointer(after) };
  if (before.success.kind !== after.success.kind) {
    ctx.add(place, { code: 'response-kind-changed', impact: 'breaking', message: `now returns ${after.success.kind} (was ${before.success.kind})`, reason: 'callers reading the result as before get something else' });
    return;
  }
  compareTypes(ctx, before.success.type, after.success.type, 'output', place, 'the result');
}

function comparePagination(ctx: DiffContext, before: OperationIR, after: OperationIR, subject: Subject): void {
  const a = before.pagination;
  const b = after.pagination;
  if (!a && !b) return;
  if (!a || !b) {
    ctx.add(subject, b
      ? { code: 'pagination-added', impact: 'additive', message: `now paginated (${b.config.type}): \`.all()\` and \`.pages()\``, reason: 'a call returns one page as before; iterating every page is new' }
      : { code: 'pagination-removed', impact: 'breaking', message: 'no longer paginated', reason: 'callers of `.all()` or `.pages()` no longer compile' });
    return;
  }
  if (a.config.type !== b.config.type || JSON.stringify(a.config) !== JSON.stringify(b.config)) {
    ctx.add(subject, { code: 'pagination-changed', impact: 'patch', message: `pages by ${b.config.type}${a.config.type === b.config.type ? ' (settings changed)' : ` (was ${a.config.type})`}`, reason: 'the runtime follows the new scheme; callers change nothing', typed: false });
  }
  compareTypes(ctx, a.itemType, b.itemType, 'output', { ...subject, label: `${subject.label} items` }, 'each item');
}
