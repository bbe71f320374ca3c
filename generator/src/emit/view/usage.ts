/**
 * The short usage example shown in `src/index.ts` and the README: create the connector with the
 * credentials its default auth scheme needs, then call one action.
 */
import type { AuthConfig } from '@connectgen/runtime';
import type { ConnectorIR, OperationIR } from '../../ir/types.js';
import { constantCase } from './names.js';

export function usageLines(ir: ConnectorIR, factoryName: string, variable: string): string[] {
  const lines = [`import { ${factoryName} } from "${ir.info.packageName}";`, '', createLine(ir, factoryName, variable)];
  const operation = exampleOperation(ir.operations);
  if (operation !== undefined) {
    const input = exampleInput(operation);
    if (operation.pagination) {
      lines.push(`for await (const item of ${variable}.${operation.name}.all(${input})) {`, '  console.log(item);', '}');
    } else {
      lines.push(`const result = await ${variable}.${operation.name}(${input});`, 'console.log(result);');
    }
  }
  return lines;
}

/**
 * Catching a failed call: `errorClass` is imported from the connector package when it re-exports
 * it, else from the runtime. [] when the connector has no actions.
 */
export function errorHandlingLines(ir: ConnectorIR, factoryName: string, variable: string, reexported: boolean): string[] {
  const operation =
    ir.operations.find((op) => op.method === 'GET' && op.parameters.some((p) => p.in === 'path')) ?? exampleOperation(ir.operations);
  if (operation === undefined) return [];
  const imports = reexported
    ? [`import { ConnectorHttpError, ${factoryName} } from "${ir.info.packageName}";`]
    : ['import { ConnectorHttpError } from "@connectgen/runtime";', `import { ${factoryName} } from "${ir.info.packageName}";`];
  return [
    ...imports,
    '',
    createLine(ir, factoryName, variable),
    'try {',
    `  await ${variable}.${operation.name}(${exampleInput(operation)});`,
    '} catch (error) {',
    '  if (!(error instanceof ConnectorHttpError)) throw error;',
    '  console.error(error.status, error.body, error.requestId);',
    '}',
  ];
}

function createLine(ir: ConnectorIR, factoryName: string, variable: string): string {
  const scheme = Object.values(ir.auth)[0];
  const auth = scheme === undefined ? undefined : credentialsExample(scheme.config, constantCase(ir.info.name));
  return `const ${variable} = ${factoryName}(${auth === undefined ? '' : `{ auth: ${auth} }`});`;
}

function credentialsExample(config: AuthConfig, env: string): string | undefined {
  switch (config.type) {
    case 'none':
      return undefined;
    case 'apiKey':
      return `{ apiKey: process.env.${env}_API_KEY! }`;
    case 'basic':
      return `{ username: process.env.${env}_USERNAME!, password: process.env.${env}_PASSWORD! }`;
    case 'bearer':
      return `{ token: process.env.${env}_TOKEN! }`;
    case 'oauth2':
      return `{ clientId: process.env.${env}_CLIENT_ID!, clientSecret: process.env.${env}_CLIENT_SECRET! }`;
  }
}

/** A paginated GET first (it shows `.all()`), else any GET, else the first action. */
function exampleOperation(operations: readonly OperationIR[]): OperationIR | undefined {
  return (
    operations.find((operation) => operation.pagination && operation.method === 'GET') ??
    operations.find((operation) => operation.method === 'GET') ??
    operations[0]
  );
}

/** Required inputs with placeholder values: example values from a spec are not trusted in code. */
function exampleInput(operation: OperationIR): string {
  const required = operation.parameters.filter((parameter) => parameter.required);
  const entries = required.map((parameter) => `${parameter.key}: ${placeholder(parameter.type.kind)}`);
  if (operation.requestBody?.required) entries.push('body: {}');
  if (entries.length === 0) return operation.parameters.length > 0 || operation.requestBody ? '{}' : '';
  return `{ ${entries.join(', ')} }`;
}

function placeholder(kind: string): string {
  switch (kind) {
    case 'integer':
    case 'number':
      return '1';
    case 'boolean':
      return 'true';
    case 'array':
      return '[]';
    case 'object':
      return '{}';
    default:
      return '"..."';
  }
}
