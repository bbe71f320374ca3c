/**
 * OpenAPI 3.1 §4.8.10: "The id MUST be unique among all operations described in the API." Two
 * actions with one name would overwrite each other in the generated connector.
 */
import { defineRule, type RuleFinding } from '../rule.js';
import type { OperationNode } from '../walk.js';

export default defineRule({
  id: 'duplicate-operation-id',
  code: 'CG_DUPLICATE_OPERATION_ID',
  description: 'operationIds must be unique across the document, webhooks and callbacks included.',
  given: '$..[get,put,post,delete,options,head,patch,trace].operationId',
  target: 'document',
  severity: 'error',
  hint: 'rename one of the operations, or rename the action in connector.yaml',
  check(index) {
    const byId = new Map<string, OperationNode[]>();
    for (const op of index.operations) {
      const id = op.node['operationId'];
      if (typeof id !== 'string') continue;
      const ops = byId.get(id) ?? [];
      ops.push(op);
      byId.set(id, ops);
    }
    const findings: RuleFinding[] = [];
    for (const [id, ops] of byId) {
      const [first, ...rest] = ops;
      if (!first) continue;
      for (const op of rest) {
        findings.push({
          path: [...op.path, 'operationId'],
          file: op.file,
          message: `operationId "${id}" of ${op.method.toUpperCase()} ${op.pathKey} is already used by ${first.method.toUpperCase()} ${first.pathKey}`,
        });
      }
    }
    return findings;
  },
});
