/**
 * View of `src/webhooks.ts`, written when the spec has `webhooks` or `callbacks`: an interface of
 * event payloads by event name, and a receiver factory typed by it (the connector's `webhooks`).
 */
import type { ConnectorIR } from '../../ir/types.js';
import { docBlock } from './doc.js';
import { importStatement } from './imports.js';
import { propertyKey } from './safe.js';
import type { TypeSource } from './type-source.js';

export interface WebhookNames {
  /** `XxxWebhookEvents`: payloads by event name. */
  readonly eventsType: string;
  /** `createXxxWebhookReceiver`. */
  readonly factoryName: string;
}

export interface WebhooksView {
  readonly sourceTitle: string;
  readonly imports: string[];
  readonly eventsDoc: string[];
  readonly eventsType: string;
  readonly events: Array<{ readonly doc: string[]; readonly key: string; readonly type: string }>;
  readonly factoryDoc: string[];
  readonly factoryName: string;
}

export function webhooksView(ir: ConnectorIR, names: WebhookNames, types: TypeSource, sourceTitle: string): WebhooksView {
  const webhooks = ir.webhooks ?? [];
  const refs = new Set<string>();
  for (const webhook of webhooks) types.collectRefs(webhook.payload, 'output', refs);
  return {
    sourceTitle,
    imports: [
      importStatement(['createWebhookReceiver'], '@connectgen/runtime', false),
      importStatement(['ReceiverOptions', 'WebhookRequestHandler'], '@connectgen/runtime', true),
      ...(refs.size > 0 ? [importStatement(refs, './types.js', true)] : []),
    ],
    eventsDoc: docBlock([`Payloads of the webhooks and callbacks ${ir.info.title} sends, by event name.`]),
    eventsType: names.eventsType,
    events: webhooks.map((webhook) => ({
      doc: docBlock([webhook.summary], [`From \`${webhook.source === 'webhook' ? 'webhooks' : 'callbacks'}\` in the spec.`]).map((line) => `  ${line}`),
      key: propertyKey(webhook.name),
      type: types.print(webhook.payload, 'output', 1),
    })),
    factoryDoc: docBlock(
      [
        'A node:http request handler for these events: verifies each delivery (Standard Webhooks\nsignatures by default, `scheme` for others), parses it and calls the handler for its type.',
        '401 for a bad signature, 400 stale or replayed, 202 no handler, 500 a handler threw.',
      ],
      ['@example', '```ts', `const receive = ${names.factoryName}({ secret: process.env.WEBHOOK_SECRET!, handlers: {} });`, 'http.createServer(receive).listen(8787);', '```'],
    ),
    factoryName: names.factoryName,
  };
}
