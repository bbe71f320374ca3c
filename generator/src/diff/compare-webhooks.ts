/**
 * Events the API sends, old vs new: 3.1 `webhooks` entries and operations' callbacks, matched by
 * name (a webhook that became a callback is the same event). The connector's receiver types each event's payload, so a removed event breaks handlers
 * written for it, a new one is additive, and a payload is compared as data the caller receives.
 */
import type { WebhookIR } from '../ir/types.js';
import type { DiffContext, Subject } from './context.js';
import { compareTypes } from './compare-types.js';

export function compareWebhooks(ctx: DiffContext): void {
  const before = byKey(ctx.oldIR.webhooks ?? []);
  const after = byKey(ctx.newIR.webhooks ?? []);
  for (const [key, event] of before) {
    const next = after.get(key);
    const subject: Subject = { label: `${event.source} \`${event.name}\``, oldPointer: event.pointer, ...(next ? { newPointer: next.pointer } : {}) };
    if (!next) {
      ctx.add(subject, { code: 'webhook-removed', impact: 'breaking', message: 'removed', reason: 'handlers written for this event no longer compile, and the receiver no longer types it' });
      continue;
    }
    const payload: Subject = { ...subject, oldPointer: event.payloadPointer ?? event.pointer, newPointer: next.payloadPointer ?? next.pointer };
    compareTypes(ctx, event.payload, next.payload, 'output', payload, 'payload');
  }
  for (const [key, event] of after) {
    if (before.has(key)) continue;
    ctx.add({ label: `${event.source} \`${event.name}\``, newPointer: event.pointer }, { code: 'webhook-added', impact: 'additive', message: 'added', reason: 'a new event the receiver types; existing handlers are unaffected' });
  }
}

/** By event name, the key receivers dispatch on (the IR keeps one event per name). */
function byKey(events: readonly WebhookIR[]): Map<string, WebhookIR> {
  return new Map(events.map((event) => [event.name, event]));
}
