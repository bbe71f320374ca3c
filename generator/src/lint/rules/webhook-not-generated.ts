/**
 * OpenAPI 3.1 §4.8.1 `webhooks`: requests the API sends to its users, not calls a connector makes.
 * connectgen generates no typed handler for them yet, so a user should hear that they were left
 * out rather than look for them among the actions.
 */
import { defineRule } from '../rule.js';

export default defineRule({
  id: 'webhook-not-generated',
  code: 'CG_WEBHOOK_NOT_GENERATED',
  description: 'Webhooks are reported: the connector has no typed handler for the requests the API sends.',
  given: '$.webhooks[*][get,put,post,delete,options,head,patch,trace]',
  target: 'operation',
  severity: 'info',
  hint: 'verify and dispatch these requests yourself (the runtime has no typed webhook receiver for them yet)',
  check(op) {
    if (op.kind !== 'webhook') return undefined;
    return [{ path: op.path, message: `webhook ${JSON.stringify(op.pathKey)} (${op.method.toUpperCase()}) is sent by the API; no action or typed payload is generated for it` }];
  },
});
