/**
 * `connector.json`: the connector as data, for tools that list, configure or call connectors without
 * reading TypeScript. Written with JSON.stringify (nothing from the spec can break it); every object
 * is built in a fixed key order and every list comes from the IR's sorted order, so the bytes are
 * the same on every run.
 */
import type { AuthConfig } from '@connectgen/runtime';
import type { ConnectorIR, OperationIR } from '../../ir/types.js';
import { JsonSchemaSource, type JsonSchema } from './json-schema.js';
import { escapeInvisible } from './safe.js';
import { SharedSchemas } from './shared-schemas.js';

export const MANIFEST_VERSION = 1;

/** Where connector.yaml's `icon` lands in the package; the manifest and README name it. */
export const ICON_FILE = 'icon.svg';

export function manifestJson(ir: ConnectorIR): string {
  const schemas = new JsonSchemaSource(ir);
  // Every schema is registered before any is written: whether a subschema is shared depends on all.
  const shared = new SharedSchemas();
  const named = Object.entries(schemas.definitions()).map(([name, schema]) => [name, shared.add(schema, name, { named: true })] as const);
  const actions = ir.operations.map((operation) => actionEntry(ir, operation, schemas, shared));
  const fields = {
    manifestVersion: MANIFEST_VERSION,
    name: ir.info.name,
    package: ir.info.packageName,
    version: ir.info.version,
    title: ir.info.title,
    description: ir.info.description,
    status: ir.info.status ?? 'published',
    icon: ir.info.icon === undefined ? undefined : ICON_FILE,
    api: { version: ir.info.apiVersion, openapi: ir.info.openapi, docsUrl: ir.info.docsUrl },
    servers: ir.servers.map((server) => ({
      url: server.url,
      description: server.description,
      variables: server.variables,
    })),
    auth: Object.entries(ir.auth).map(([name, scheme], index) => ({
      name,
      default: index === 0,
      type: scheme.config.type,
      description: scheme.description,
      fields: credentialFields(scheme.config),
      config: scheme.config,
    })),
  };
  // Schemas arrive as JSON text (SharedSchemas writes each once); the rest is stringified around them.
  const actionLines = actions.map(({ input, output, pagination, ...rest }) =>
    objectText([
      ...Object.entries(rest).map(([key, value]) => [key, JSON.stringify(value)] as const),
      ['input', shared.write(input)],
      ['output', output === undefined ? undefined : shared.write(output)],
      ['pagination', pagination === undefined ? undefined : objectText([...Object.entries(pagination.config).map(([key, value]) => [key, JSON.stringify(value)] as const), ['item', shared.write(pagination.item)]])],
    ]),
  );
  const defLines = [...named.map(([name, id]) => [name, shared.writeNamed(id, name)] as const), ...shared.definitions()].map(
    ([name, text]) => `${JSON.stringify(name)}: ${text}`,
  );
  const lines = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => (Array.isArray(value) && value.length > 0 ? block(key, '[', value.map((item) => JSON.stringify(item)), ']') : `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`));
  lines.push(actionLines.length > 0 ? block('actions', '[', actionLines, ']') : '  "actions": []');
  lines.push(defLines.length > 0 ? block('$defs', '{', defLines, '}') : '  "$defs": {}');
  return escapeInvisible(`{\n${lines.join(',\n')}\n}\n`);
}

/**
 * One line per top-level field, per action and per `$defs` entry: close to compact (indenting every
 * level made up half of the file), and a regenerated connector's diff still shows which actions and
 * schemas changed.
 */
function block(key: string, open: string, items: readonly string[], close: string): string {
  return `  ${JSON.stringify(key)}: ${open}\n${items.map((item) => `    ${item}`).join(',\n')}\n  ${close}`;
}

/** A JSON object from keys and their values' JSON text, leaving out the undefined ones. */
function objectText(entries: readonly (readonly [string, string | undefined])[]): string {
  return `{${entries.flatMap(([key, text]) => (text === undefined ? [] : [`${JSON.stringify(key)}:${text}`])).join(',')}}`;
}

interface CredentialField {
  readonly name: string;
  readonly secret: boolean;
  readonly required: boolean;
}

/** What a user must fill in for a scheme: the `auth` keys of `ConnectorOptions`. */
function credentialFields(config: AuthConfig): CredentialField[] {
  switch (config.type) {
    case 'none':
      return [];
    case 'apiKey':
      return [{ name: 'apiKey', secret: true, required: true }];
    case 'basic':
      return [
        { name: 'username', secret: false, required: true },
        { name: 'password', secret: true, required: true },
      ];
    case 'bearer':
      return [{ name: 'token', secret: true, required: true }];
    case 'oauth2':
      return [
        { name: 'clientId', secret: false, required: true },
        { name: 'clientSecret', secret: true, required: config.grant === 'client_credentials' },
      ];
  }
}

function actionEntry(ir: ConnectorIR, operation: OperationIR, schemas: JsonSchemaSource, shared: SharedSchemas) {
  return {
    name: operation.name,
    operationId: operation.operationId,
    method: operation.method,
    path: operation.path,
    summary: operation.summary,
    description: operation.description,
    tags: operation.tags,
    deprecated: operation.deprecated || undefined,
    security: operation.security ?? ir.security,
    input: shared.add(inputSchema(operation, schemas), `${operation.name}Input`),
    output: operation.success.kind === 'empty' ? undefined : shared.add(schemas.schemaOf(operation.success.type, 'output'), `${operation.name}Output`),
    pagination:
      operation.pagination === undefined
        ? undefined
        : { config: operation.pagination.config, item: shared.add(schemas.schemaOf(operation.pagination.itemType, 'output'), `${operation.name}Item`) },
  };
}

/** The action's input object: one property per parameter `key`, plus `body`. */
function inputSchema(operation: OperationIR, schemas: JsonSchemaSource): JsonSchema {
  const properties: [string, JsonSchema][] = operation.parameters.map((parameter) => [
    parameter.key,
    { ...schemas.schemaOf(parameter.type, 'input'), default: parameter.constant, 'x-in': parameter.in, 'x-name': parameter.name, description: parameter.description },
  ]);
  const required = operation.parameters.filter((parameter) => parameter.required && parameter.constant === undefined).map((parameter) => parameter.key);
  if (operation.requestBody !== undefined) {
    properties.push([
      'body',
      { ...schemas.schemaOf(operation.requestBody.type, 'input'), 'x-media-type': operation.requestBody.mediaType },
    ]);
    if (operation.requestBody.required) required.push('body');
  }
  return {
    type: 'object',
    properties: Object.fromEntries(properties),
    required,
    additionalProperties: false,
  };
}
