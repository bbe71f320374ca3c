/**
 * IR -> files: `emit(ir)` returns every file of the connector package by relative path. A pure
 * function (no disk, no clock, no randomness), so the same IR always gives byte-identical files;
 * `write.ts` puts them on disk.
 */
import type { ConnectorIR, OperationIR } from '../ir/types.js';
import { render } from './render.js';
import { actionsView, groupNames, type GroupNames } from './view/actions.js';
import { indexView } from './view/index-file.js';
import { ICON_FILE, manifestJson } from './view/manifest.js';
import { mappingsView } from './view/mappings-file.js';
import { webhooksView, type WebhookNames } from './view/webhooks-file.js';
import { NameScope } from './view/names.js';
import { packageJsonView } from './view/package-json.js';
import { ParameterTable, parametersView } from './view/parameters-file.js';
import { readmeView } from './view/readme.js';
import { SharedSpecs } from './view/shared-specs.js';
import { fileStem, neutraliseComment } from './view/safe.js';
import { TypeSource } from './view/type-source.js';
import { typesView } from './view/types-file.js';

export function emit(ir: ConnectorIR): Map<string, string> {
  const types = new TypeSource(ir);
  const sourceTitle = oneLineComment(shorten(`${ir.info.title} ${ir.info.apiVersion}`, 60));
  const scope = new NameScope(ir.schemas.flatMap((schema) => [schema.name, ...(schema.inputName ? [schema.inputName] : [])]));
  const connectorType = scope.allocate(`${ir.info.pascalName}Connector`);
  const optionsType = scope.allocate(`${ir.info.pascalName}ConnectorOptions`);
  const factoryName = `create${ir.info.pascalName}Connector`;
  const webhooks: WebhookNames | undefined =
    ir.webhooks === undefined ? undefined : { eventsType: scope.allocate(`${ir.info.pascalName}WebhookEvents`), factoryName: `create${ir.info.pascalName}WebhookReceiver` };

  const byGroup = groupOperations(ir.operations);
  const groups: GroupNames[] = [...byGroup].map(([group, operations]) => groupNames(group, operations, scope));
  const parameters = new ParameterTable([...byGroup.values()].flat(), types, scope);
  const specs = new SharedSpecs([...byGroup.values()].flat(), scope);

  const files = new Map<string, string>();
  files.set('package.json', render('package.json.hbs', packageJsonView(ir)));
  files.set('tsconfig.json', render('tsconfig.json.hbs', {}));
  files.set('README.md', render('README.md.hbs', readmeView(ir, factoryName, byGroup)));
  files.set('connector.json', manifestJson(ir));
  if (ir.info.icon !== undefined) files.set(ICON_FILE, ir.info.icon);
  files.set('src/index.ts', render('src/index.ts.hbs', indexView(ir, { connectorType, optionsType, factoryName, webhooks }, groups, sourceTitle)));
  files.set('src/types.ts', render('src/types.ts.hbs', typesView(ir, types, sourceTitle)));
  if (webhooks !== undefined) files.set('src/webhooks.ts', render('src/webhooks.ts.hbs', webhooksView(ir, webhooks, types, sourceTitle)));
  if (parameters.declarations.length > 0 || specs.declarations.length > 0) {
    files.set('src/parameters.ts', render('src/parameters.ts.hbs', parametersView(parameters, specs, types, sourceTitle)));
  }
  if (ir.mappings !== undefined) files.set('src/mappings.ts', render('src/mappings.ts.hbs', mappingsView(ir, connectorType, sourceTitle)));
  for (const names of groups) {
    const view = actionsView(names, byGroup.get(names.group)!, types, parameters, specs, sourceTitle);
    files.set(`src/actions/${names.group}.ts`, render('src/actions/tag.ts.hbs', view));
  }
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Operations by file group, groups sorted by name, operations in IR order within each. */
function groupOperations(operations: readonly OperationIR[]): Map<string, OperationIR[]> {
  const byGroup = new Map<string, OperationIR[]>();
  for (const operation of operations) {
    const group = fileStem(operation.group);
    const list = byGroup.get(group) ?? [];
    list.push(operation);
    byGroup.set(group, list);
  }
  return new Map([...byGroup].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function oneLineComment(text: string): string {
  return neutraliseComment(text).replace(/[\r\n\u2028\u2029\u0085]+/g, ' ');
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max - 3) + '...';
}
