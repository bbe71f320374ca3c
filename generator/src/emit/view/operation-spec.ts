/**
 * The `OperationSpec` literal of one action: what the runtime needs to send it, as plain data in a
 * fixed key order (the order of the runtime's interface), defaults left out.
 */
import type { OperationIR, PaginationIR, ParameterIR, RequestBodyIR, ServerIR } from '../../ir/types.js';
import { Identifier, type Data } from './literal.js';

/**
 * What an OperationSpec names instead of writing it out: a parameter several operations share
 * (parameters-file.ts), a request body or pagination several operations share (shared-specs.ts).
 * Each gives the expression naming the constant, or undefined to write the value in place.
 */
export interface SharedNames {
  readonly parameter?: (parameter: ParameterIR) => string | undefined;
  readonly requestBody?: (operation: OperationIR) => string | undefined;
  readonly pagination?: (operation: OperationIR) => string | undefined;
}

export function operationSpecData(operation: OperationIR, shared: SharedNames = {}): Data {
  const named = (name: string | undefined, value: () => Data): Data => (name === undefined ? value() : new Identifier(name));
  return {
    id: operation.name,
    method: operation.method,
    path: operation.path,
    parameters: operation.parameters.map((parameter) => named(shared.parameter?.(parameter), () => parameterData(parameter))),
    requestBody: operation.requestBody && named(shared.requestBody?.(operation), () => requestBodyData(operation.requestBody!)),
    response: operation.success.kind,
    pagination: operation.pagination && named(shared.pagination?.(operation), () => paginationData(operation.pagination!)),
    security: operation.security && [...operation.security],
    servers: operation.servers?.map(serverData),
  };
}

/** A request body as the runtime's `RequestBodySpec`. */
export function requestBodyData(body: RequestBodyIR): Data {
  return { mediaType: body.mediaType, encoding: body.encoding, required: body.required || undefined };
}

/** Pagination as the runtime's `PaginationConfig`. */
export function paginationData(pagination: PaginationIR): Data {
  return pagination.config as unknown as Data;
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
