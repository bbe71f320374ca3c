/**
 * OpenAPI 3.x §4.8.18 Callback Object: requests the API sends back to a URL the caller gave it
 * (`callbacks` on an operation). Like webhooks, they are not actions, and connectgen types no
 * payload for them yet: said once per callback operation, at info level.
 */
import { defineRule } from '../rule.js';

export default defineRule({
  id: 'callback-not-generated',
  code: 'CG_CALLBACK_NOT_GENERATED',
  description: 'Callbacks are reported: the connector has no typed handler for the requests the API sends back.',
  given: '$.paths[*][*].callbacks[*][*][get,put,post,delete,options,head,patch,trace]',
  target: 'operation',
  severity: 'info',
  hint: 'receive these requests yourself at the callback URL you pass (no typed handler is generated for them yet)',
  check(op) {
    if (op.kind !== 'callback') return undefined;
    return [{ path: op.path, message: `callback ${JSON.stringify(op.pathKey)} (${op.method.toUpperCase()}) is sent by the API; no typed payload is generated for it` }];
  },
});
