// Finds an identifier used as code in TypeScript sources, ignoring strings, comments and JSDoc.
// Used to prove a payload from a hostile spec stayed inert: its SENTINEL may appear inside a string
// literal or a comment, never as an identifier the program would evaluate. Parses with the
// TypeScript compiler API that ts-morph bundles (the native TypeScript 7 compiler has no JS API).
// Plain JavaScript so the test suite and bench scripts share it.
import { ts } from 'ts-morph';

export function findIdentifierInCode(file, source, identifier) {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const hits = [];
  const visit = (node) => {
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
export function syntaxErrors(file, source) {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  return (sourceFile.parseDiagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

/** The values of every string literal and template without substitutions, as the parser reads them. */
export function stringValues(file, source) {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const values = [];
  const visit = (node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) values.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return values;
}
