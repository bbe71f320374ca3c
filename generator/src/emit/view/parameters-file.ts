/**
 * View of `src/parameters.ts`: a parameter that several operations take identically (same name,
 * location, serialization, type and description: a `components.parameters` entry, or the same
 * inline declaration repeated, as Microsoft Graph repeats `$filter`, `$top` or an entity's `$select`
 * on every list operation) is written once, as an interface holding its one input member and the
 * `ParameterSpec` the runtime reads. Input types extend those interfaces and OperationSpecs list
 * those constants, instead of repeating the member, its JSDoc and its spec in every operation.
 */
import type { OperationIR, ParameterIR } from '../../ir/types.js';
import { docBlock, valueTag } from './doc.js';
import { importStatement, RUNTIME_ENTRY } from './imports.js';
import { dataLiteral, type Data } from './literal.js';
import type { NameScope } from './names.js';
import { pascalCase } from './names.js';
import type { SharedSpecs } from './shared-specs.js';
import { parameterData } from './operation-spec.js';
import { identifier, propertyKey } from './safe.js';
import type { TypeSource } from './type-source.js';

/** One member of an input interface, as the actions template prints it. */
export interface MemberView {
  readonly doc: string[];
  readonly key: string;
  readonly required: boolean;
  readonly type: string;
}

/** A parameter declaration shared by several operations, and the names it is written under. */
export interface SharedParameter {
  /** `FilterParameter`: the interface holding the input member. */
  readonly interfaceName: string;
  /** `filterParameter`: the ParameterSpec constant. */
  readonly constName: string;
  readonly member: MemberView;
  readonly spec: Data;
  readonly parameter: ParameterIR;
}

export interface ParametersView {
  readonly sourceTitle: string;
  readonly imports: string[];
  readonly parameters: { readonly doc: string[]; readonly interfaceName: string; readonly member: MemberView; readonly constName: string; readonly spec: string }[];
  /** Shared request bodies and pagination (shared-specs.ts). */
  readonly specs: { readonly doc: string[]; readonly constName: string; readonly typeName: string; readonly value: string }[];
}

/**
 * Every parameter's input member, and the shared declarations among them. A declaration is shared
 * when two or more operations take it; its names are allocated in `scope` after every other name,
 * so sharing never renames an input type or a schema.
 */
export class ParameterTable {
  private readonly members = new Map<ParameterIR, MemberView>();
  private readonly shared = new Map<ParameterIR, SharedParameter>();
  /** Shared declarations in first-use order. */
  readonly declarations: SharedParameter[] = [];

  constructor(operations: readonly OperationIR[], types: TypeSource, scope: NameScope) {
    const bySignature = new Map<string, { member: MemberView; spec: Data; uses: ParameterIR[]; operations: Set<OperationIR> }>();
    for (const operation of operations) {
      for (const parameter of operation.parameters) {
        const member = parameterMember(parameter, types);
        this.members.set(parameter, member);
        const spec = parameterData(parameter);
        const signature = JSON.stringify([member, spec]);
        let entry = bySignature.get(signature);
        if (entry === undefined) bySignature.set(signature, (entry = { member, spec, uses: [], operations: new Set() }));
        entry.uses.push(parameter);
        entry.operations.add(operation);
      }
    }
    const sharedEntries = [...bySignature.values()].filter((entry) => entry.operations.size >= 2);
    // A declaration is named after its key when it has most of that key's uses (the only or the
    // usual `ifMatch`); the others (an entity's own `$select` enum) after the first operation that
    // takes them.
    const keyUses = new Map<string, number>();
    for (const entry of bySignature.values()) keyUses.set(entry.member.key, (keyUses.get(entry.member.key) ?? 0) + entry.uses.length);
    for (const entry of sharedEntries) {
      const first = entry.uses[0]!;
      const keyName = pascalCase(first.key);
      const usual = entry.uses.length * 2 > keyUses.get(entry.member.key)!;
      const base = usual ? keyName : `${pascalCase(firstOperation(entry.operations).name)}${keyName}`;
      const interfaceName = scope.allocate(`${base}Parameter`);
      const declaration: SharedParameter = {
        interfaceName,
        constName: identifier(interfaceName[0]!.toLowerCase() + interfaceName.slice(1)),
        member: entry.member,
        spec: entry.spec,
        parameter: first,
      };
      this.declarations.push(declaration);
      for (const use of entry.uses) this.shared.set(use, declaration);
    }
  }

  member(parameter: ParameterIR): MemberView {
    return this.members.get(parameter)!;
  }

  /** The shared declaration `parameter` is an instance of, if any. */
  sharedAs(parameter: ParameterIR): SharedParameter | undefined {
    return this.shared.get(parameter);
  }
}

function firstOperation(operations: Set<OperationIR>): OperationIR {
  return operations.values().next().value!;
}

/** A parameter as a member of its operation's input interface. */
export function parameterMember(parameter: ParameterIR, types: TypeSource): MemberView {
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
}

export function parametersView(table: ParameterTable, specs: SharedSpecs, types: TypeSource, sourceTitle: string): ParametersView {
  const refs = new Set<string>();
  let blob = false;
  const parameters = table.declarations.map((declaration) => {
    types.collectRefs(declaration.parameter.type, 'input', refs);
    if (types.namesBlobLike(declaration.parameter.type, 'input')) blob = true;
    const { parameter } = declaration;
    return {
      doc: docBlock([`The ${parameter.in} parameter \`${parameter.name}\` as several operations take it.`]),
      interfaceName: declaration.interfaceName,
      member: declaration.member,
      constName: declaration.constName,
      spec: dataLiteral(declaration.spec, '', `export const ${declaration.constName}: ParameterSpec = `.length + 1),
    };
  });
  const runtimeNames = new Set<string>(specs.declarations.map((declaration) => declaration.typeName));
  if (parameters.length > 0) runtimeNames.add('ParameterSpec');
  if (blob) runtimeNames.add('BlobLike');
  const imports = [importStatement([...runtimeNames].sort(), RUNTIME_ENTRY, true)];
  if (refs.size > 0) imports.push(importStatement(refs, './types.js', true));
  return {
    sourceTitle,
    imports,
    parameters,
    specs: specs.declarations.map((declaration) => ({
      doc: docBlock([declaration.summary]),
      constName: declaration.constName,
      typeName: declaration.typeName,
      value: dataLiteral(declaration.data, '', `export const ${declaration.constName}: ${declaration.typeName} = `.length + 1),
    })),
  };
}
