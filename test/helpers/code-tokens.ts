/**
 * Finds an identifier used as code in TypeScript sources, ignoring strings, comments and JSDoc.
 * Used to prove a payload from a hostile spec stayed inert: its SENTINEL may appear inside a string
 * literal or a comment, never as an identifier the program would evaluate. Parses with the
 * TypeScript compiler API that ts-morph bundles (the native TypeScript 7 compiler has no JS API).
 */
import { ts } from 'ts-morph';

export interface CodeHit {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

export function findIdentifierInCode(file: string, source: string, identifier: string): CodeHit[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const hits: CodeHit[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) && node.text === identifier) {
      const { line } = sourceFile.getLineAndCharacterOfPosition(node.getStart());
      hits.push({ file, line: line + 1, text: node.parent.getText().slice(0, 120) });
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return hits;
}

/** Syntax errors of a source file, without type-checking: quick proof the file still parses. */
export function syntaxErrors(file: string, source: string): string[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const diagnostics = (sourceFile as unknown as { parseDiagnostics?: ts.Diagnostic[] }).parseDiagnostics ?? [];
  return diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}
