/**
 * The `OperationSpec` literal of one action: what the runtime needs to send it, as plain data in a
 * fixed key order (the order of the runtime's interface), defaults left out.
 */
import type { OperationIR, ParameterIR } from '../../ir/types.js';
import type { Data } from './literal.js';

export function operationSpecData(operation: OperationIR): Data {
  return {
    id: operation.name,
    method: operation.method,
    path: operation.path,
    parameters: operation.parameters.map(parameterData),
    requestBody: operation.requestBody && {
      mediaType: operation.requestBody.mediaType,
      encoding: operation.requestBody.encoding,
      required: operation.requestBody.required || undefined,
    },
    response: operation.success.kind,
    pagination: operation.pagination && (operation.pagination.config as unknown as Data),
    security: operation.security && [...operation.security],
  };
}

function parameterData(parameter: ParameterIR): Data {
  return {
    name: parameter.name,
    key: parameter.key,
    in: parameter.in,
    style: parameter.style,
    explode: parameter.explode,
    allowReserved: parameter.allowReserved || undefined,
    required: parameter.required || undefined,
    constant: parameter.constant,
  };
}
