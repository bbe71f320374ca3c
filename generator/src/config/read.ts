/**
 * The one reader of connector.yaml: text -> value -> checked against connector.schema.json ->
 * ConnectorConfig. `lint` and `generate` both come through here, so a file one accepts the other
 * accepts too. A bad file is a ConnectgenError naming the field (JSON pointer, and line:column when
 * the text is at hand) with a hint; nothing downstream runs on a config that failed.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConnectgenError } from '../diagnostics/errors.js';
import { createLocator, lineIndex } from '../lint/locate.js';
import { parseText } from '../load/parse.js';
import type { ConfigProblem } from './explain.js';
import { checkPaths } from './paths.js';
import { checkConfigShape } from './schema.js';
import type { ConnectorConfig } from './types.js';

export interface ConfigSource {
  /** Absolute path of connector.yaml. */
  readonly file: string;
  /** Its text, to turn a pointer into line:column. */
  readonly text: string;
}

export interface ReadConfig {
  readonly config: ConnectorConfig;
  readonly source: ConfigSource;
}

/** Reads, parses and validates the connector.yaml at `file`. */
export function readConnectorConfig(file: string): ReadConfig {
  const path = resolve(file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConnectgenError('CG_CONFIG_UNREADABLE', `cannot read connector.yaml: ${(error as Error).message}`, { file: path, hint: 'check the path' });
  }
  const source = { file: path, text };
  return { config: parseConnectorConfig(parseText(text, path).value, source), source };
}

/** Validates a parsed connector.yaml (`undefined`/`null`: no config). Throws on the first problem. */
export function parseConnectorConfig(value: unknown, source?: ConfigSource): ConnectorConfig {
  if (value === undefined || value === null) return {};
  const problem = checkConfigShape(value) ?? checkPaths(value as ConnectorConfig);
  if (problem !== undefined) throw configError(problem, source);
  return value as ConnectorConfig;
}

/** A problem as the error the CLI prints: `CG_CONFIG_... connector.yaml:4:3: ... (at /auth/name)`. */
export function configError(problem: ConfigProblem, source?: ConfigSource): ConnectgenError {
  const position = source === undefined ? undefined : locate(source, problem.pointer);
  return new ConnectgenError(problem.code, problem.message, {
    pointer: problem.pointer,
    hint: problem.hint,
    ...(source !== undefined ? { file: source.file } : {}),
    ...(position !== undefined ? { position } : {}),
  });
}

function locate(source: ConfigSource, pointer: string): { line: number; column: number } | undefined {
  const path = pointer === '' ? [] : pointer.slice(1).split('/').map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  const format = /^\s*[{[]/.test(source.text) ? 'json' : 'yaml';
  const range = createLocator(source.text, format)(path, true);
  return range === undefined ? undefined : lineIndex(source.text)(range.start);
}

/** The directory a config's relative paths (`spec`, `icon`) start from. */
export function configDir(source: ConfigSource): string {
  return dirname(source.file);
}
