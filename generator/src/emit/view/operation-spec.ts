/**
 * The `OperationSpec` literal of one action: what the runtime needs to send it, as plain data in a
 * fixed key order (the order of the runtime's interface), defaults left out.
 */
import type { OperationIR, ParameterIR, ServerIR } from '../../ir/types.js';
import { Identifier, type Data } from './literal.js';

/**
 * `sharedAs` names the constant a parameter is declared as when several operations share it
 * (parameters-file.ts); those are listed by name.
 */
export function operationSpecData(operation: OperationIR, sharedAs: (parameter: ParameterIR) => string | undefined = () => undefined): Data {
  return {
    id: operation.name,
    method: operation.method,
    path: operation.path,
    parameters: operation.parameters.map((parameter) => {
      const name = sharedAs(parameter);
      return name === undefined ? parameterData(parameter) : new Identifier(name);
    }),
    requestBody: operation.requestBody && {
      mediaType: operation.requestBody.mediaType,
      encoding: operation.requestBody.encoding,
      required: operation.requestBody.required || undefined,
    },
    response: operation.success.kind,
    pagination: operation.pagination && (operation.pagination.config as unknown as Data),
    security: operation.security && [...operation.security],
    servers: operation.servers?.map(serverData),
  };
}

/** A server as the runtime's `ServerSpec`: URL and variables (defaults and enums only). */
export function serverData(server: ServerIR): Data {
  const names = Object.keys(server.variables);
  return {
    url: server.url,
    variables:
      names.length === 0
        ? undefined
        : Object.fromEntries(
            Object.entries(server.variables).map(([name, variable]) => [name, { default: variable.default, enum: variable.enum && [...variable.enum] }]),
          ),
  };
}

export function parameterData(parameter: ParameterIR): Data {
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
