/**
 * Text -> value. The format is decided by the content, not the file extension: a document whose
 * first meaningful character is `{` is JSON (parsed with JSON.parse, which is several times faster
 * than a YAML parser on the 10 MB specs vendors ship); anything else is YAML 1.2.
 */
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { ConnectgenError } from '../diagnostics/errors.js';
import type { Diagnostic, Position } from '../diagnostics/diagnostic.js';
import { assertDepth, countKeys, isStackOverflow, MAX_DEPTH, scanJsonText, tooDeep } from './depth.js';
import { indentQuotedContinuations } from './yaml-repair.js';
import { findDuplicateKeys, jsonErrorOffset, type DuplicateKey } from './json-error-offset.js';
import type { SpecFormat } from './types.js';

export interface ParsedText {
  readonly format: SpecFormat;
  readonly value: unknown;
  /** Problems that did not stop parsing (a JSON key given twice). */
  readonly diagnostics: readonly Diagnostic[];
}

export function parseText(text: string, uri: string): ParsedText {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') {
    throw new ConnectgenError('CG_LOAD_EMPTY', 'the file is empty; expected an OpenAPI 3.x or Swagger 2.0 document', {
      file: uri,
      hint: 'check that you passed the right file and that it was fully downloaded',
    });
  }
  if (/^\s*[{[]/.test(body)) return parseJson(body, uri);
  // YAML needs no duplicate check: the parser refuses repeated keys itself.
  const { value, diagnostics } = parseYamlLeniently(body, uri);
  assertDepth(value, uri);
  return { format: 'yaml', value, diagnostics };
}

function parseJson(text: string, uri: string): ParsedText {
  try {
    const value: unknown = JSON.parse(text);
    const scanned = scanJsonText(text);
    // Before the duplicate-key scan, which recurses: a too-deep document stops here with a pointer.
    if (scanned.depth > MAX_DEPTH) assertDepth(value, uri);
    // The scan that says where a key repeats costs several parses; run it only when one does.
    const duplicates = scanned.keys === countKeys(value) ? [] : findDuplicateKeys(text);
    return { format: 'json', value, diagnostics: duplicates.map((d) => duplicateKey(d, text, uri)) };
  } catch (error) {
    if (error instanceof ConnectgenError) throw error;
    // No YAML fallback: YAML reads broken JSON such as `"info": }` as valid (info: null), which
    // would turn a syntax error into silently lost data.
    const message = (error as Error).message;
    const offset = jsonErrorOffset(text);
    const position = offset === undefined ? undefined : positionAt(text, offset);
    throw new ConnectgenError('CG_LOAD_PARSE', `invalid JSON: ${describeJsonError(message)}`, {
      file: uri,
      ...(position ? { position } : {}),
      hint: 'fix the syntax at that position; JSON allows no comments or trailing commas',
    });
  }
}

function duplicateKey(duplicate: DuplicateKey, text: string, uri: string): Diagnostic {
  return {
    code: 'CG_DUPLICATE_KEY',
    severity: 'warn',
    message: 'this key appears twice in its object; JSON parsers keep only the last value',
    pointer: duplicate.pointer,
    hint: 'merge the two entries into one, or rename one of them',
    file: uri,
    start: positionAt(text, duplicate.offset),
  };
}

/** V8's message without its position (we give line:column) or its multi-line snippet. */
function describeJsonError(message: string): string {
  return message
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/, "[\s\S]*" is not valid JSON$/, '')
    .replace(/\s+/g, ' ');
}

/**
 * Strict YAML 1.2 first. When that fails on a quoted string continued on a line not indented past
 * its key (which js-yaml 3 and PyYAML read, and vendors publish), the continuation lines are
 * indented (the value is unchanged) and the text parsed again, with a warning naming each line.
 */
function parseYamlLeniently(text: string, uri: string): { value: unknown; diagnostics: Diagnostic[] } {
  try {
    return { value: parseYamlText(text, uri), diagnostics: [] };
  } catch (error) {
    if (!(error instanceof ConnectgenError) || error.code !== 'CG_LOAD_PARSE') throw error;
    const repair = indentQuotedContinuations(text);
    if (repair.lines.length === 0) throw error;
    let value: unknown;
    try {
      value = parseYamlText(repair.text, uri);
    } catch {
      throw error; // the repair was not the fix: report the original problem
    }
    const diagnostics = repair.lines.map(
      (line): Diagnostic => ({
        code: 'CG_YAML_LENIENT',
        severity: 'warn',
        message: 'a quoted string continues on a line not indented past its key: not valid YAML 1.2, read as js-yaml and PyYAML read it',
        pointer: '',
        hint: 'indent the continuation line further than the key it belongs to',
        file: uri,
        start: { line, column: 1 },
      }),
    );
    return { value, diagnostics };
  }
}

function parseYamlText(text: string, uri: string): unknown {
  try {
    // merge: vendors use `<<: *anchor` in hand-written specs. maxAliasCount guards against
    // alias-expansion bombs.
    return parseYaml(text, { maxAliasCount: 100, merge: true, prettyErrors: true });
  } catch (error) {
    // The yaml parser reports its own stack overflow as a parse error at the deepest point.
    if (isStackOverflow(error) || (error instanceof YAMLParseError && /call stack/i.test(error.message))) throw tooDeep(uri, error);
    if (error instanceof YAMLParseError) {
      const at = error.linePos?.[0];
      const firstLine = error.message.split('\n')[0] ?? error.message;
      throw new ConnectgenError('CG_LOAD_PARSE', `invalid YAML: ${firstLine.replace(/ at line \d+, column \d+:?$/, '')}`, {
        file: uri,
        ...(at ? { position: { line: at.line, column: at.col } } : {}),
        hint: 'fix the YAML syntax there (indentation, an unquoted ":" or a tab are the usual causes)',
        cause: error,
      });
    }
    throw new ConnectgenError('CG_LOAD_PARSE', `invalid YAML: ${(error as Error).message}`, { file: uri, cause: error });
  }
}

/** 1-based line and column of a character offset. */
export function positionAt(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
