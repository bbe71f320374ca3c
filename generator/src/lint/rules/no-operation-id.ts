/**
 * OpenAPI 3.1 §4.8.10 / Swagger 2.0 Operation Object: `operationId` is optional in the spec, but
 * every action of a connector is named after it; without one the name would be guessed.
 */
import { defineRule } from '../rule.js';

export default defineRule({
  id: 'no-operation-id',
  code: 'CG_NO_OPERATION_ID',
  description: 'Every operation under `paths` needs an operationId: the connector names its action after it.',
  given: '$.paths[*][get,put,post,delete,options,head,patch,trace]',
  target: 'operation',
  severity: 'error',
  hint: 'add an operationId (`connectgen lint --fix` derives one from method and path), or name the action in connector.yaml',
  check(op) {
    if (op.kind !== 'path' && op.kind !== 'component') return undefined;
    const id = op.node['operationId'];
    if (typeof id === 'string' && id.trim() !== '') return undefined;
    return [{ path: op.path, message: `${op.method.toUpperCase()} ${op.pathKey} has no operationId` }];
  },
});
