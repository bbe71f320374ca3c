/**
 * View of `src/actions/<group>.ts`: the input type, the JSDoc and the OperationSpec of every action
 * in one group (the operations sharing a first tag), plus the group's interface and factory.
 */
import type { OperationIR, ParameterIR, TypeNode } from '../../ir/types.js';
import { docBlock } from './doc.js';
import { importStatement, RUNTIME_ENTRY } from './imports.js';
import { dataLiteral } from './literal.js';
import type { NameScope } from './names.js';
import { pascalCase } from './names.js';
import { operationSpecData, type SharedNames } from './operation-spec.js';
import type { MemberView, ParameterTable } from './parameters-file.js';
import { identifier } from './safe.js';
import type { SharedSpecs } from './shared-specs.js';
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
  /** The shared parameter interfaces it extends, comma-separated; '' for none. */
  readonly extends: string;
  readonly members: MemberView[];
}

interface ActionView {
  readonly doc: string[];
  readonly name: string;
  readonly signature: string;
  /** The signature's type arguments, given to `client.action<...>(...)` in the factory (see below); '' to leave them out. */
  readonly typeArguments: string;
  /** The OperationSpec literal, written where the factory hands it to the client. */
  readonly spec: string;
  readonly clientMethod: 'action' | 'paginatedAction';
}

/**
 * The namespace the shared parameters, bodies and pagination (src/parameters.ts) are imported as: one import per file
 * rather than a list of every shared parameter the group uses, twice (types and constants). A
 * lower-case name, so no schema or input type (all upper-case) can take it.
 */
const SHARED = 'shared';

/**
 * Each OperationSpec is written once, inside the factory, as the argument of `client.action`: a
 * constant per action beside the factory said every action's name three times (the key, the
 * constant, the spec's id) and was a fifth of Microsoft Graph's actions files.
 */
const FACTORY_INDENT = '    ';

/*
 * The factory names each call's type arguments (`client.action<GetPetInput, Pet>(...)`), which the
 * group's interface also says. Left out, TypeScript infers them from the interface's member through
 * the call's return type: an inference pass per action that checks the OperationSpec literal once
 * more. On Stripe's 452 actions that was 2-3% of the package's type-check. An inline output type
 * printed over several lines (an array of objects) is not repeated there: that call infers them.
 */

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
  parameters: ParameterTable,
  specs: SharedSpecs,
  sourceTitle: string,
): ActionsView {
  const refs = new Set<string>();
  let usesShared = specs.usedBy(operations);
  const sharedNames: SharedNames = {
    parameter: (parameter: ParameterIR) => {
      const shared = parameters.sharedAs(parameter);
      return shared && `${SHARED}.${shared.constName}`;
    },
    requestBody: (operation) => specs.requestBody(operation, SHARED),
    pagination: (operation) => specs.pagination(operation, SHARED),
  };
  const inputs: InputView[] = [];
  const outputs: ActionsView['outputs'] = [];
  const actions: ActionView[] = [];
  for (const operation of operations) {
    const inputName = names.inputNames.get(operation.name);
    if (inputName !== undefined) inputs.push(inputView(operation, inputName, types, parameters, refs));
    if (operation.parameters.some((parameter) => parameters.sharedAs(parameter) !== undefined)) usesShared = true;
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
    let typeArguments: string;
    if (operation.pagination) {
      const itemType = operation.pagination.itemType;
      types.collectRefs(itemType, 'output', refs);
      let item = types.print(itemType, 'output');
      const itemName = names.itemNames.get(operation.name);
      if (itemName !== undefined) {
        outputs.push({ doc: docBlock([`One item of \`${operation.name}.all()\`.`]), name: itemName, type: item });
        item = itemName;
      }
      typeArguments = `${input}, ${output}, ${item}`;
    } else {
      typeArguments = `${input}, ${output}`;
    }
    const name = identifier(operation.name);
    const clientMethod = operation.pagination ? 'paginatedAction' : 'action';
    const callTypeArguments = typeArguments.includes('\n') ? '' : typeArguments;
    actions.push({
      doc: actionDoc(operation),
      name,
      signature: `${operation.pagination ? 'PaginatedAction' : 'Action'}<${typeArguments}>`,
      typeArguments: callTypeArguments,
      // In the factory, `    name: client.action<...>(` before it and `),` after.
      spec: dataLiteral(operationSpecData(operation, sharedNames), FACTORY_INDENT, `${name}: client.${clientMethod}${callTypeArguments && `<${callTypeArguments}>`}(`.length + 2),
      clientMethod,
    });
  }
  const runtimeNames = ['ConnectorClient'];
  if (operations.some((operation) => operation.pagination)) runtimeNames.push('PaginatedAction');
  if (operations.some((operation) => !operation.pagination)) runtimeNames.push('Action');
  if (operations.some((operation) => sendsBlob(operation, types, parameters))) runtimeNames.push('BlobLike');
  const imports = [importStatement(runtimeNames, RUNTIME_ENTRY, true)];
  if (usesShared) imports.push(`import * as ${SHARED} from "../parameters.js";`);
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

/** Whether this file prints BlobLike for `operation` (a shared parameter's type is printed in parameters.ts). */
function sendsBlob(operation: OperationIR, types: TypeSource, parameters: ParameterTable): boolean {
  const body = operation.requestBody;
  return (
    operation.parameters.some((parameter) => parameters.sharedAs(parameter) === undefined && types.namesBlobLike(parameter.type, 'input')) ||
    (body !== undefined && types.namesBlobLike(body.type, 'input'))
  );
}

function hasInput(operation: OperationIR): boolean {
  return operation.parameters.length > 0 || operation.requestBody !== undefined;
}

function inputView(operation: OperationIR, name: string, types: TypeSource, parameters: ParameterTable, refs: Set<string>): InputView {
  const members: MemberView[] = [];
  const bases: string[] = [];
  for (const parameter of operation.parameters) {
    const shared = parameters.sharedAs(parameter);
    if (shared !== undefined) {
      bases.push(`${SHARED}.${shared.interfaceName}`);
      continue;
    }
    types.collectRefs(parameter.type, 'input', refs);
    members.push(parameters.member(parameter));
  }
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
  return { doc: docBlock([`Input of \`${operation.name}\`.`]), name, extends: bases.join(', '), members };
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
