/**
 * Webhooks and callbacks -> WebhookIR: the calls an API makes to us, by event name.
 * OpenAPI 3.1 §4.8.1 `webhooks` (a map of event name -> Path Item) and §4.8.18 Callback Objects on
 * operations (callback name -> runtime expression -> Path Item), in 3.0 and 3.1. The payload is the
 * JSON request body of the Path Item's operation (POST when it has several); receivers parse and
 * dispatch on it. A name given twice keeps its first declaration (webhooks before callbacks,
 * callbacks in path order) and says so.
 */
import { compareStrings } from '../infer/names.js';
import type { TypeNode, WebhookIR } from '../types.js';
import type { BuildContext, Obj } from './context.js';
import { child, deref, own, ownObj, ownString, report } from './context.js';
import { METHODS } from './operation.js';
import { buildRequestBody } from './request-body.js';

export function buildWebhooks(ctx: BuildContext, document: Obj): WebhookIR[] {
  const found: WebhookIR[] = [];
  const webhooks = ownObj(document, 'webhooks') ?? {};
  for (const name of Object.keys(webhooks).sort(compareStrings)) {
    const event = eventOf(ctx, name, 'webhook', webhooks[name], child('/webhooks', name));
    if (event !== undefined) found.push(event);
  }
  const paths = ownObj(document, 'paths') ?? {};
  for (const path of Object.keys(paths).sort(compareStrings)) {
    const item = deref(ctx, paths[path], child('/paths', path));
    if (item === undefined) continue;
    for (const method of METHODS) {
      const callbacks = ownObj(ownObj(item.value, method), 'callbacks') ?? {};
      for (const name of Object.keys(callbacks).sort(compareStrings)) {
        const callback = deref(ctx, callbacks[name], child(item.pointer, method, 'callbacks', name));
        if (callback === undefined) continue;
        for (const expression of Object.keys(callback.value).sort(compareStrings)) {
          const event = eventOf(ctx, name, 'callback', callback.value[expression], child(callback.pointer, expression));
          if (event !== undefined) found.push(event);
        }
      }
    }
  }
  const seen = new Set<string>();
  return found.filter((event) => {
    if (!seen.has(event.name)) return seen.add(event.name);
    report(ctx, 'info', 'CG_WEBHOOK_DUPLICATE', event.pointer, `event ${JSON.stringify(event.name)} is declared again here; the first declaration types it`, 'give each webhook or callback its own name');
    return false;
  });
}

function eventOf(ctx: BuildContext, name: string, source: WebhookIR['source'], raw: unknown, pointer: string): WebhookIR | undefined {
  const item = deref(ctx, raw, pointer);
  if (item === undefined) return undefined;
  const method = own(item.value, 'post') !== undefined ? 'post' : METHODS.find((m) => own(item.value, m) !== undefined);
  if (method === undefined) return undefined;
  const operation = ownObj(item.value, method) ?? {};
  const body = own(operation, 'requestBody') === undefined ? undefined : buildRequestBody(ctx, own(operation, 'requestBody'), child(item.pointer, method, 'requestBody'));
  const payload: TypeNode = body?.type ?? { kind: 'unknown' };
  const summary = ownString(operation, 'summary') ?? ownString(operation, 'description');
  return {
    name,
    source,
    pointer: child(item.pointer, method),
    payload,
    ...(body ? { payloadPointer: child(body.pointer, 'content', body.mediaType, 'schema') } : {}),
    ...(summary !== undefined && summary.trim() !== '' ? { summary } : {}),
  };
}
