/**
 * The public API of a generated package, read as code with ts-morph: every exported type and every
 * action's signature, printed without comments, grouped by what owns it (an action, or a named type
 * of src/types.ts). Comparing two versions shows which owners' types really changed; `checkDiff`
 * then holds the spec diff to that. A disagreement is a connectgen bug, reported, never ignored.
 */
import { Node, Project, ts, type InterfaceDeclaration, type SourceFile, type TypeAliasDeclaration } from 'ts-morph';
import type { Change } from '../diff/types.js';
import type { ConnectorIR } from '../ir/types.js';

/** Owner key (`action:getPet`, `type:Pet`) -> its declarations' text. */
export type PublicApi = ReadonlyMap<string, string>;

export function readPublicApi(files: ReadonlyMap<string, string>, ir: ConnectorIR): PublicApi {
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { target: ts.ScriptTarget.ES2022 } });
  const printer = ts.createPrinter({ removeComments: true });
  const print = (node: Node) => printer.printNode(ts.EmitHint.Unspecified, node.compilerNode, node.getSourceFile().compilerNode);
  // A named type's input variant (`PetInput`) belongs to its schema.
  const schemaOf = new Map<string, string>();
  for (const schema of ir.schemas) {
    schemaOf.set(schema.name, schema.name);
    if (schema.inputName) schemaOf.set(schema.inputName, schema.name);
  }
  const api = new Map<string, string[]>();
  const add = (owner: string, text: string) => api.set(owner, [...(api.get(owner) ?? []), text]);
  const parameters = files.get('src/parameters.ts');
  const shared = sharedMembers(parameters === undefined ? undefined : project.createSourceFile('src/parameters.ts', parameters, { overwrite: true }), print);
  const printType: TypePrinter = (decl) => (Node.isInterfaceDeclaration(decl) ? flattened(decl, shared, print) : print(decl));
  for (const [path, text] of files) {
    if (!/^src\/.*\.ts$/.test(path)) continue;
    const file = project.createSourceFile(path, text, { overwrite: true });
    if (path === 'src/types.ts') {
      for (const [name, text] of exportedTypes(file, print)) add(`type:${schemaOf.get(name) ?? name}`, text);
    } else if (path.startsWith('src/actions/')) {
      readActionsFile(file, print, printType, add);
    }
  }
  return new Map([...api].map(([owner, texts]) => [owner, texts.join('\n')]));
}

/**
 * src/parameters.ts: each shared parameter interface's members, printed. An input type that extends
 * one (`interface GetPetInput extends shared.PetIdParameter {}`) takes the same input as one that
 * declares the member itself, which it does once no other operation shares it: the API compared is
 * the members, not where they are declared.
 */
function sharedMembers(file: SourceFile | undefined, print: (node: Node) => string): ReadonlyMap<string, string[]> {
  const members = new Map<string, string[]>();
  for (const decl of file?.getInterfaces() ?? []) members.set(decl.getName(), decl.getMembers().map((m) => print(m)));
  return members;
}

/** An interface as its name and every member, its own and the shared ones it extends, by name. */
function flattened(decl: InterfaceDeclaration, shared: ReadonlyMap<string, string[]>, print: (node: Node) => string): string {
  const members = decl.getMembers().map((m) => print(m));
  const kept: string[] = [];
  for (const heritage of decl.getExtends()) {
    const name = /^shared\.(\w+)$/.exec(heritage.getText())?.[1];
    const inherited = name === undefined ? undefined : shared.get(name);
    if (inherited) members.push(...inherited);
    else kept.push(heritage.getText());
  }
  const head = `${decl.isExported() ? 'export ' : ''}interface ${decl.getName()}${decl.getTypeParameters().length ? `<${decl.getTypeParameters().map((t) => t.getText()).join(', ')}>` : ''}${kept.length ? ` extends ${kept.join(', ')}` : ''}`;
  return `${head} {\n${members.sort().map((m) => `    ${m}\n`).join('')}}`;
}

type TypePrinter = (decl: InterfaceDeclaration | TypeAliasDeclaration) => string;

function exportedTypes(file: SourceFile, print: TypePrinter): [string, string][] {
  const out: [string, string][] = [];
  for (const decl of [...file.getTypeAliases(), ...file.getInterfaces()]) {
    if (decl.isExported()) out.push([decl.getName(), print(decl)]);
  }
  return out;
}

/**
 * An actions file: the `XxxActions` interface has one member per action; every other exported type
 * (`GetPetInput`, `ListPetsItem`) belongs to the action whose member names it.
 */
function readActionsFile(file: SourceFile, print: (node: Node) => string, printType: TypePrinter, add: (owner: string, text: string) => void): void {
  const types = new Map(exportedTypes(file, printType));
  const actionsInterface = file.getInterfaces().find((i) => i.isExported() && i.getName().endsWith('Actions'));
  if (!actionsInterface) return;
  types.delete(actionsInterface.getName());
  const claimed = new Set<string>();
  for (const member of actionsInterface.getMembers()) {
    if (!Node.isPropertySignature(member) && !Node.isMethodSignature(member)) continue;
    const action = member.getName();
    add(`action:${action}`, print(member));
    const identifiers = new Set(member.getDescendantsOfKind(ts.SyntaxKind.Identifier).map((id) => id.getText()));
    for (const [name, text] of types) {
      if (identifiers.has(name)) {
        add(`action:${action}`, text);
        claimed.add(name);
      }
    }
  }
  for (const [name, text] of types) if (!claimed.has(name)) add(`type:${name}`, text);
}

export interface ApiMismatch {
  /** `action:getPet` or `type:Pet`. */
  readonly owner: string;
  readonly problem: 'types-changed-but-not-in-diff' | 'in-diff-but-types-unchanged';
}

/**
 * Holds the diff to the types: every owner whose declarations changed must have a typed change in
 * the diff, and every typed change must name an owner whose declarations changed.
 */
export function checkDiff(before: PublicApi, after: PublicApi, changes: readonly Change[]): ApiMismatch[] {
  const changedOwners = new Set([...before.keys(), ...after.keys()].filter((owner) => before.get(owner) !== after.get(owner)));
  const diffOwners = new Set<string>();
  for (const change of changes) {
    if (!change.typed) continue;
    if (change.schema !== undefined) diffOwners.add(`type:${change.schema}`);
    else if (change.action !== undefined) diffOwners.add(`action:${change.action}`);
  }
  const mismatches: ApiMismatch[] = [];
  for (const owner of [...changedOwners].sort()) {
    if (!diffOwners.has(owner)) mismatches.push({ owner, problem: 'types-changed-but-not-in-diff' });
  }
  for (const owner of [...diffOwners].sort()) {
    if (!changedOwners.has(owner)) mismatches.push({ owner, problem: 'in-diff-but-types-unchanged' });
  }
  return mismatches;
}
