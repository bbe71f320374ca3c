/**
 * `connector.json`: the connector as data, for tools that list, configure or call connectors without
 * reading TypeScript. Written with JSON.stringify (nothing from the spec can break it); every object
 * is built in a fixed key order and every list comes from the IR's sorted order, so the bytes are
 * the same on every run.
 */
import type { AuthConfig } from '@connectgen/runtime';
import type { ConnectorIR, OperationIR } from '../../ir/types.js';
import { JsonSchemaSource, type JsonSchema } from './json-schema.js';
import { jsonText } from './safe.js';

export const MANIFEST_VERSION = 1;

/** Where connector.yaml's `icon` lands in the package; the manifest and README name it. */
export const ICON_FILE = 'icon.svg';

export function manifestJson(ir: ConnectorIR): string {
  const schemas = new JsonSchemaSource(ir);
  const manifest = {
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
    actions: ir.operations.map((operation) => actionEntry(ir, operation, schemas)),
    $defs: schemas.definitions(),
  };
  return jsonText(manifest, 2) + '\n';
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

function actionEntry(ir: ConnectorIR, operation: OperationIR, schemas: JsonSchemaSource) {
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
    input: inputSchema(operation, schemas),
    output: operation.success.kind === 'empty' ? undefined : schemas.schemaOf(operation.success.type, 'output'),
    pagination:
      operation.pagination === undefined
        ? undefined
        : { ...operation.pagination.config, item: schemas.schemaOf(operation.pagination.itemType, 'output') },
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
