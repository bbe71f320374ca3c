/**
 * The input object of an action as one TypeNode: every parameter under its `key`, plus `body`. Emit
 * prints it (in `input` mode) as the action's input type, and the manifest turns it into the action's
 * input JSON Schema, so both describe the same object.
 */
import type { ObjectType, OperationIR, PropertyIR } from './types.js';

export function operationInputType(op: OperationIR): ObjectType {
  const properties: PropertyIR[] = op.parameters.map((p) => ({
    name: p.key,
    type: p.type,
    required: p.required,
    ...(p.description !== undefined ? { description: p.description } : {}),
    ...(p.deprecated === true ? { deprecated: true } : {}),
    ...(p.default !== undefined ? { default: p.default } : {}),
    ...(p.example !== undefined ? { example: p.example } : {}),
  }));
  if (op.requestBody !== undefined) {
    properties.push({
      name: 'body',
      type: op.requestBody.type,
      required: op.requestBody.required,
      ...(op.requestBody.description !== undefined ? { description: op.requestBody.description } : {}),
    });
  }
  return { kind: 'object', properties, additionalProperties: false };
}
