/**
 * View of `src/actions/<group>.ts`: the input type, the JSDoc and the OperationSpec of every action
 * in one group (the operations sharing a first tag), plus the group's interface and factory.
 */
import type { OperationIR, TypeNode } from '../../ir/types.js';
import { docBlock, valueTag } from './doc.js';
import { importStatement } from './imports.js';
import { dataLiteral } from './literal.js';
import type { NameScope } from './names.js';
import { pascalCase } from './names.js';
import { operationSpecData } from './operation-spec.js';
import { identifier, propertyKey } from './safe.js';
import type { TypeSource } from './type-source.js';

export interface GroupNames {
  readonly group: string;
  /** `PetsActions` */
  readonly interfaceName: string;
  /** `createPetsActions` */
  readonly factoryName: string;
  /** Action name -> name of its input type. */
  readonly inputNames: ReadonlyMap<string, string>;
  /** Action name -> name of its output type, for outputs too big to read inline. */
  readonly outputNames: ReadonlyMap<string, string>;
  /** Action name -> name of its page item type, likewise. */
  readonly itemNames: ReadonlyMap<string, string>;
}

export interface ActionsView {
  readonly sourceTitle: string;
  readonly doc: string[];
  readonly imports: string[];
  readonly inputs: InputView[];
  readonly outputs: { readonly doc: string[]; readonly name: string; readonly type: string }[];
  readonly interfaceName: string;
  readonly actions: ActionView[];
  readonly factoryName: string;
}

interface InputView {
  readonly doc: string[];
  readonly name: string;
  readonly members: { readonly doc: string[]; readonly key: string; readonly required: boolean; readonly type: string }[];
}

interface ActionView {
  readonly doc: string[];
  readonly name: string;
  readonly signature: string;
  readonly specName: string;
  readonly spec: string;
  readonly clientMethod: 'action' | 'paginatedAction';
}

/** Names for a group's exports, allocated in `scope` so they clash with no schema or other group. */
export function groupNames(group: string, operations: readonly OperationIR[], scope: NameScope): GroupNames {
  const base = pascalCase(group);
  const inputNames = new Map<string, string>();
  const outputNames = new Map<string, string>();
  const itemNames = new Map<string, string>();
  for (const operation of operations) {
    const pascal = pascalCase(operation.name);
    if (hasInput(operation)) inputNames.set(operation.name, scope.allocate(`${pascal}Input`));
    if (operation.success.kind !== 'empty' && isStructured(operation.success.type)) {
      outputNames.set(operation.name, scope.allocate(`${pascal}Output`));
    }
    if (operation.pagination && isStructured(operation.pagination.itemType)) {
      itemNames.set(operation.name, scope.allocate(`${pascal}Item`));
    }
  }
  return {
    group,
    interfaceName: scope.allocate(`${base}Actions`),
    factoryName: `create${base}Actions`,
    inputNames,
    outputNames,
    itemNames,
  };
}

/** An inline object or union reads badly inside `Action<...>`: it gets a name of its own. */
function isStructured(type: TypeNode): boolean {
  return type.kind === 'object' || type.kind === 'union' || type.kind === 'intersection';
}

export function actionsView(
  names: GroupNames,
  operations: readonly OperationIR[],
  types: TypeSource,
  sourceTitle: string,
): ActionsView {
  const refs = new Set<string>();
  const inputs: InputView[] = [];
  const outputs: ActionsView['outputs'] = [];
  const actions: ActionView[] = [];
  const specNames = new Set(operations.map((operation) => operation.name));
  for (const operation of operations) {
    const inputName = names.inputNames.get(operation.name);
    if (inputName !== undefined) inputs.push(inputView(operation, inputName, types, refs));
    let output = outputType(operation, types, refs);
    const outputName = names.outputNames.get(operation.name);
    if (outputName !== undefined) {
      outputs.push({
        doc: docBlock([`Output of \`${operation.name}\` (${operation.success.status} response).`]),
        name: outputName,
        type: types.print(operation.success.type, 'output'),
      });
      output = outputName;
    }
    const input = inputName ?? 'void';
    let signature: string;
    if (operation.pagination) {
      const itemType = operation.pagination.itemType;
      types.collectRefs(itemType, 'output', refs);
      let item = types.print(itemType, 'output');
      const itemName = names.itemNames.get(operation.name);
      if (itemName !== undefined) {
        outputs.push({ doc: docBlock([`One item of \`${operation.name}.all()\`.`]), name: itemName, type: item });
        item = itemName;
      }
      signature = `PaginatedAction<${input}, ${output}, ${item}>`;
    } else {
      signature = `Action<${input}, ${output}>`;
    }
    let specName = `${operation.name}Operation`;
    while (specNames.has(specName)) specName += '_';
    actions.push({
      doc: actionDoc(operation),
      name: identifier(operation.name),
      signature,
      specName: identifier(specName),
      spec: dataLiteral(operationSpecData(operation), '', `const ${specName}: OperationSpec = `.length + 1),
      clientMethod: operation.pagination ? 'paginatedAction' : 'action',
    });
  }
  const runtimeNames = ['ConnectorClient', 'OperationSpec'];
  if (operations.some((operation) => operation.pagination)) runtimeNames.push('PaginatedAction');
  if (operations.some((operation) => !operation.pagination)) runtimeNames.push('Action');
  if (operations.some((operation) => sendsBlob(operation, types))) runtimeNames.push('BlobLike');
  const imports = [importStatement(runtimeNames, '@connectgen/runtime', true)];
  if (refs.size > 0) imports.push(importStatement(refs, '../types.js', true));
  const tag = operations[0]?.tags[0];
  return {
    sourceTitle,
    doc: docBlock([tag === undefined ? 'Actions without a tag.' : `Actions tagged ${JSON.stringify(tag)}.`]),
    imports,
    inputs,
    outputs,
    interfaceName: names.interfaceName,
    actions,
    factoryName: names.factoryName,
  };
}

function sendsBlob(operation: OperationIR, types: TypeSource): boolean {
  const body = operation.requestBody;
  return operation.parameters.some((parameter) => types.namesBlobLike(parameter.type, 'input')) || (body !== undefined && types.namesBlobLike(body.type, 'input'));
}

function hasInput(operation: OperationIR): boolean {
  return operation.parameters.length > 0 || operation.requestBody !== undefined;
}

function inputView(operation: OperationIR, name: string, types: TypeSource, refs: Set<string>): InputView {
  const members: InputView['members'][number][] = operation.parameters.map((parameter) => {
    types.collectRefs(parameter.type, 'input', refs);
    const tags = [
      `In ${parameter.in}: \`${parameter.name}\`.`,
      parameter.deprecated ? '@deprecated' : undefined,
      valueTag('default', parameter.constant ?? parameter.default),
      valueTag('example', parameter.example),
    ].filter((tag): tag is string => tag !== undefined);
    return {
      doc: docBlock([parameter.description], tags),
      key: propertyKey(identifier(parameter.key)),
      // A spec-given constant is filled in by the runtime: the caller may leave it out.
      required: parameter.required && parameter.constant === undefined,
      type: types.print(parameter.type, 'input', 1),
    };
  });
  const body = operation.requestBody;
  if (body !== undefined) {
    types.collectRefs(body.type, 'input', refs);
    members.push({
      doc: docBlock([body.description], [`Sent as \`${body.mediaType}\`.`]),
      key: 'body',
      required: body.required,
      type: types.print(body.type, 'input', 1),
    });
  }
  return { doc: docBlock([`Input of \`${operation.name}\`.`]), name, members };
}

function outputType(operation: OperationIR, types: TypeSource, refs: Set<string>): string {
  if (operation.success.kind === 'empty') return 'void';
  types.collectRefs(operation.success.type, 'output', refs);
  return types.print(operation.success.type, 'output');
}

function actionDoc(operation: OperationIR): string[] {
  const tags: string[] = [`\`${operation.method} ${operation.path}\``];
  if (operation.pagination) {
    tags.push(`Paginated (${operation.pagination.config.type}): \`.all()\` streams every item, \`.pages()\` every page.`);
  }
  if (operation.deprecated) tags.push('@deprecated');
  if (operation.docsUrl !== undefined) tags.push(`@see ${operation.docsUrl}`);
  return docBlock([operation.summary, operation.description], tags);
}
