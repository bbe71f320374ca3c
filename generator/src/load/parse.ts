/**
 * Text -> value. The format is decided by the content, not the file extension: a document whose
 * first meaningful character is `{` is JSON (parsed with JSON.parse, which is several times faster
 * than a YAML parser on the 10 MB specs vendors ship); anything else is YAML 1.2.
 */
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { ConnectgenError } from '../diagnostics/errors.js';
import type { Position } from '../diagnostics/diagnostic.js';
import type { SpecFormat } from './types.js';

export interface ParsedText {
  readonly format: SpecFormat;
  readonly value: unknown;
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
  return { format: 'yaml', value: parseYamlText(body, uri) };
}

function parseJson(text: string, uri: string): ParsedText {
  try {
    return { format: 'json', value: JSON.parse(text) };
  } catch (jsonError) {
    // Flow-style YAML also starts with `{`; and YAML tolerates what hand-edited JSON often has
    // (comments, trailing commas are not among them). Only if both fail is it an error, reported
    // against JSON since that is what the document looks like.
    try {
      return { format: 'yaml', value: parseYaml(text, { maxAliasCount: 100, merge: true }) };
    } catch {
      const message = (jsonError as Error).message;
      const offset = /position (\d+)/.exec(message)?.[1];
      const position = offset === undefined ? undefined : positionAt(text, Number(offset));
      throw new ConnectgenError('CG_LOAD_PARSE', `invalid JSON: ${message.replace(/ in JSON at position \d+.*$/s, '')}`, {
        file: uri,
        ...(position ? { position } : {}),
        hint: 'fix the syntax at that position; JSON allows no comments or trailing commas',
      });
    }
  }
}

function parseYamlText(text: string, uri: string): unknown {
  try {
    // merge: vendors use `<<: *anchor` in hand-written specs. maxAliasCount guards against
    // alias-expansion bombs.
    return parseYaml(text, { maxAliasCount: 100, merge: true, prettyErrors: true });
  } catch (error) {
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
