/**
 * View of `src/index.ts`: the ConnectorDefinition literal, the connector's interface (every group's
 * actions plus `testConnection` and `close`) and `createXxxConnector(options)`.
 */
import type { AuthConfig } from '@connectgen/runtime';
import type { ConnectorIR, OperationIR } from '../../ir/types.js';
import type { GroupNames } from './actions.js';
import type { WebhookNames } from './webhooks-file.js';
import { docBlock } from './doc.js';
import { exportTypeStatement, importStatement, RUNTIME_ENTRY } from './imports.js';
import { dataLiteral, type Data } from './literal.js';
import { operationSpecData, serverData } from './operation-spec.js';
import { identifier, neutraliseComment, propertyKey } from './safe.js';
import { usageLines } from './usage.js';

export interface IndexNames {
  readonly connectorType: string;
  /** `PetstoreConnectorOptions`: the runtime's options typed by this connector's auth schemes. */
  readonly optionsType: string;
  readonly factoryName: string;
  /** When the API sends webhooks: the events type and receiver factory of `src/webhooks.ts`. */
  readonly webhooks?: WebhookNames | undefined;
}

export interface IndexView {
  readonly sourceTitle: string;
  readonly doc: string[];
  readonly imports: string[];
  readonly titleComment: string;
  readonly definition: string;
  readonly fallbackTest: string | false;
  readonly connectorType: string;
  readonly optionsType: string;
  /** The scheme -> credentials map `ConnectorOptions` is instantiated with. */
  readonly schemeCredentials: string;
  readonly extendsList: string;
  readonly factoryDoc: string[];
  readonly factoryName: string;
  readonly groups: { readonly factory: string }[];
  /** Many groups: combine them with one Object.assign instead of a spread each (see SPREAD_LIMIT). */
  readonly assignGroups: boolean;
  readonly hasSchemas: boolean;
  /** `export { ConnectorError, ... } from "@connectgen/runtime"`, or '' when schemas took those names. */
  readonly errorExports: string;
  readonly reexports: string[];
  readonly webhooks: WebhookNames | false;
}

/**
 * Past this many action groups the factory combines them with Object.assign. TypeScript types
 * `{ ...a, ...b, ...c }` one spread at a time, each copying every property so far: time quadratic in
 * the groups. On Microsoft Graph (478 groups, 11,422 actions) that one object literal took 60 s of
 * tsc; on Stripe (60 groups, 452 actions) it was 7% of the package's type-check (46 M of 673 M
 * instructions). Object.assign adds the groups in one pass. Below the limit, where the spread costs
 * little, it stays: there TypeScript also checks that the combined object has every action of the
 * connector interface (past it, each group's factory is still typed by the group's interface).
 */
export const SPREAD_LIMIT = 16;

export function indexView(
  ir: ConnectorIR,
  names: IndexNames,
  groups: readonly GroupNames[],
  sourceTitle: string,
): IndexView {
  const fallback = testOperation(ir);
  const credentials = schemeCredentials(ir);
  const imports = [
    importStatement(['createClient'], RUNTIME_ENTRY, false),
    importStatement(['ConnectionTestResult', 'ConnectorDefinition', 'ConnectorOptions', ...credentials.imports, ...(fallback ? ['OperationSpec'] : [])], RUNTIME_ENTRY, true),
  ];
  // The receiver's types are the main entry's, which only a connector with webhooks loads.
  if (names.webhooks) imports.push(importStatement(['ReceiverOptions', 'WebhookRequestHandler'], '@connectgen/runtime', true));
  if (names.webhooks) {
    imports.push(importStatement([names.webhooks.factoryName], './webhooks.js', false));
    imports.push(importStatement([names.webhooks.eventsType], './webhooks.js', true));
  }
  for (const group of groups) {
    imports.push(importStatement([group.factoryName], `./actions/${group.group}.js`, false));
    imports.push(importStatement([group.interfaceName], `./actions/${group.group}.js`, true));
  }
  const reexports = groups
    .map((group) => exportTypeStatement([group.interfaceName, ...group.inputNames.values(), ...group.outputNames.values(), ...group.itemNames.values()], `./actions/${group.group}.js`));
  if (names.webhooks) {
    reexports.push(`export { ${names.webhooks.factoryName} } from "./webhooks.js";`, exportTypeStatement([names.webhooks.eventsType], './webhooks.js'));
  }
  if (ir.mappings !== undefined) reexports.push('export { mappings } from "./mappings.js";');
  return {
    sourceTitle,
    doc: docBlock([ir.info.title, ir.info.description], ir.info.docsUrl === undefined ? [] : [`@see ${ir.info.docsUrl}`]),
    imports,
    titleComment: neutraliseComment(ir.info.title).replace(/[\r\n\u2028\u2029\u0085]+/g, ' '),
    definition: dataLiteral(definitionData(ir), '', 'export const definition: ConnectorDefinition = '.length + 1) + constSuffix(ir),
    fallbackTest: fallback === undefined ? false : dataLiteral(operationSpecData(fallback), '', 'const connectionTest: OperationSpec = '.length + 1),
    connectorType: identifier(names.connectorType),
    optionsType: identifier(names.optionsType),
    schemeCredentials: credentials.text(`export type ${names.optionsType} = ConnectorOptions<`.length),
    extendsList: extendsList(groups.map((group) => group.interfaceName), names.connectorType),
    factoryDoc: docBlock(
      [`Creates a connector for ${ir.info.title}.`],
      ['@example', '```ts', ...usageLines(ir, names.factoryName, 'connector'), '```'],
    ),
    factoryName: identifier(names.factoryName),
    groups: groups.map((group) => ({ factory: identifier(group.factoryName) })),
    assignGroups: groups.length > SPREAD_LIMIT,
    hasSchemas: ir.schemas.length > 0,
    errorExports: errorExports(ir),
    reexports,
    webhooks: names.webhooks ?? false,
  };
}

/** The value `createClient` receives; key order follows the runtime's ConnectorDefinition. */
function definitionData(ir: ConnectorIR): Data {
  return {
    name: ir.info.name,
    version: ir.info.version,
    servers: ir.servers.map(serverData),
    auth: Object.fromEntries(Object.entries(ir.auth).map(([name, scheme]) => [name, scheme.config as unknown as Data])),
    retry: ir.retry as Data,
    rateLimit: ir.rateLimit as Data,
    timeoutMs: ir.timeoutMs,
    testAction: ir.testAction,
    headers: ir.headers as Data | undefined,
    allowedHosts: ir.allowedHosts as Data | undefined,
    userAgent: userAgent(ir),
  };
}

/** Names the package and its version, so the API's logs say which connector called. */
export function userAgent(ir: ConnectorIR): string {
  return `${ir.info.packageName}/${ir.info.version}`;
}

const CREDENTIALS: Record<Exclude<AuthConfig['type'], 'none'>, string> = {
  apiKey: 'ApiKeyCredentials',
  basic: 'BasicCredentials',
  bearer: 'BearerCredentials',
  oauth2: 'OAuth2Credentials',
};

/**
 * `{ oauth: OAuth2Credentials }`: each scheme with the credentials it takes, so that passing an API
 * key to an OAuth2 connector fails to compile. A public API takes none (`Record<string, never>`).
 */
function schemeCredentials(ir: ConnectorIR): { imports: string[]; text: (column: number) => string } {
  const entries = Object.entries(ir.auth).flatMap(([name, scheme]) =>
    scheme.config.type === 'none' ? [] : [[propertyKey(name), CREDENTIALS[scheme.config.type]] as const],
  );
  const imports = [...new Set(entries.map(([, type]) => type))];
  const text = (column: number): string => {
    if (entries.length === 0) return 'Record<string, never>';
    const flat = `{ ${entries.map(([key, type]) => `${key}: ${type}`).join('; ')} }`;
    if (column + flat.length + 3 <= 100) return flat;
    return `{\n${entries.map(([key, type]) => `  ${key}: ${type};`).join('\n')}\n}`;
  };
  return { imports, text };
}

/**
 * The operation `testConnection()` falls back on when connector.yaml names no `testAction` (the
 * runtime finds a named one itself): the first GET that needs no input.
 */
function testOperation(ir: ConnectorIR): OperationIR | undefined {
  if (ir.testAction !== undefined) return undefined;
  return ir.operations.find(
    (operation) =>
      operation.method === 'GET' &&
      !operation.parameters.some((parameter) => parameter.required) &&
      !operation.requestBody?.required,
  );
}

/** ` extends A, B`, or prettier's broken form when that line would pass 100 columns. */
function extendsList(names: readonly string[], connectorType: string): string {
  if (names.length === 0) return '';
  const flat = ` extends ${names.join(', ')}`;
  if (`export interface ${connectorType}${flat} {`.length <= 100) return flat;
  return `\n  extends ${names.join(',\n    ')}`;
}

/**
 * TypeScript types an object-literal property named like a member of Object.prototype (`valueOf`,
 * `toString`...) against that member rather than the Record's index signature, so the literal
 * values of an auth scheme so named widen to `string` and fail to compile. `as const` keeps them.
 */
function constSuffix(ir: ConnectorIR): string {
  return Object.keys(ir.auth).some((name) => name in Object.prototype) ? ' as const' : '';
}

/**
 * The runtime's error classes, re-exported for `catch` and `instanceof` without a second import;
 * a schema of the same name keeps it (the README points at @connectgen/runtime for the classes).
 */
function errorExports(ir: ConnectorIR): string {
  const names = reexportedErrors(ir);
  return names.length === 0 ? '' : `export { ${names.join(', ')} } from "${RUNTIME_ENTRY}";`;
}

export function reexportedErrors(ir: ConnectorIR): string[] {
  const taken = new Set(ir.schemas.flatMap((schema) => [schema.name, schema.inputName ?? schema.name]));
  return ['ConnectorError', 'ConnectorHttpError'].filter((name) => !taken.has(name));
}
