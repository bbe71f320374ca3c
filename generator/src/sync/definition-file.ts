/**
 * A sync definition file (YAML or JSON) -> a definition the runtime can run: checked by the
 * runtime's one reader (`parseSyncDefinition`), its problems reported at file:line:column, and its
 * connectors (package paths, relative to the file) loaded and created with their options. Option
 * strings of the form `${NAME}` are read from the environment, so credentials stay out of the file.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseSyncDefinition, SyncError, syncWarnings, type SyncDefinition } from '@connectgen/runtime/sync';
import { formatDiagnosticLine } from '../cli/print-diagnostics.js';
import { loadConnectorPackage } from '../check/connector-package.js';
import { fromPointer } from '../diagnostics/diagnostic.js';
import { ConnectgenError } from '../diagnostics/errors.js';
import { createLocator, lineIndex } from '../lint/locate.js';
import { parseText } from '../load/parse.js';

export interface LoadedSync {
  readonly definition: SyncDefinition;
  /** Closes the connectors' connection pools. */
  close(): Promise<void>;
}

export async function readSyncFile(file: string): Promise<{ text: string; value: unknown; format: 'json' | 'yaml' }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConnectgenError('CG_SYNC_FILE', `cannot read the sync definition: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {
      file,
      hint: 'pass the path of a sync YAML file, e.g. connectgen sync run pets.sync.yaml',
    });
  }
  const parsed = parseText(text, file);
  return { text, value: parsed.value, format: parsed.format };
}

/** Reads and checks the file; connectors stay unloaded (for status, audit and conflicts). */
export async function checkSyncFile(file: string): Promise<SyncDefinition> {
  const { text, value, format } = await readSyncFile(file);
  try {
    return parseSyncDefinition(value);
  } catch (error) {
    throw located(error, file, text, format);
  }
}

export async function loadSyncFile(file: string, env: NodeJS.ProcessEnv = process.env): Promise<LoadedSync> {
  const base = path.dirname(path.resolve(file));
  const definition = await withSchemaFiles(await checkSyncFile(file), base, file);
  const opened: { close(): Promise<void> }[] = [];
  const resolve = async (endpoint: object, pointer: string): Promise<object> => {
    const e = endpoint as { connector?: unknown; options?: Record<string, unknown> };
    if (typeof e.connector !== 'string') return endpoint;
    const pkg = await loadConnectorPackage(path.resolve(base, e.connector));
    const options = expandEnv(e.options ?? {}, env, `${pointer}/options`, file);
    const connector = pkg.create(options as Record<string, unknown>);
    opened.push(connector);
    return { ...endpoint, connector };
  };
  const source = await resolve(definition.source, '/source');
  const destination = await resolve(definition.destination, '/destination');
  return {
    definition: { ...definition, source, destination } as SyncDefinition,
    close: async () => {
      await Promise.all(opened.map((c) => c.close()));
    },
  };
}

/** `destination.schema` may name a JSON or YAML file (relative to the sync file) holding the schema. */
async function withSchemaFiles(definition: SyncDefinition, base: string, file: string): Promise<SyncDefinition> {
  const destination = definition.destination as { schema?: unknown };
  if (typeof destination.schema !== 'string') return definition;
  const schemaFile = path.resolve(base, destination.schema);
  const { value } = await readSyncFile(schemaFile).catch((error: unknown) => {
    throw new ConnectgenError('CG_SYNC_FILE', `cannot read the schema ${destination.schema}`, { file, pointer: '/destination/schema', cause: error });
  });
  return { ...definition, destination: { ...definition.destination, schema: value } } as SyncDefinition;
}

function expandEnv(value: unknown, env: NodeJS.ProcessEnv, pointer: string, file: string): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
      const found = env[name];
      if (found === undefined) {
        throw new ConnectgenError('CG_SYNC_ENV', `environment variable ${name} is not set`, { file, pointer, hint: `export ${name}=... before running the sync` });
      }
      return found;
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => expandEnv(v, env, `${pointer}/${i}`, file));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandEnv(v, env, `${pointer}/${k}`, file)]));
  }
  return value;
}

/** The definition's warnings (a sync that runs but misses something), one coded line each. */
export function printSyncWarnings(definition: SyncDefinition, file: string, out: NodeJS.WritableStream = process.stderr): void {
  for (const w of syncWarnings(definition)) {
    out.write(formatDiagnosticLine({ code: w.code, severity: 'warn', message: w.message, pointer: w.pointer, file, ...(w.hint ? { hint: w.hint } : {}) }) + '\n');
  }
}

/** A runtime SyncError as a CLI error with file:line:column of its pointer. */
export function located(error: unknown, file: string, text?: string, format?: 'json' | 'yaml'): unknown {
  if (!(error instanceof SyncError) && !isCoded(error)) return error;
  const e = error as { code: string; message: string; pointer?: string; hint?: string };
  const pointer = e.pointer ?? '';
  let position: { line: number; column: number } | undefined;
  if (text !== undefined && format !== undefined && pointer !== '') {
    const range = createLocator(text, format)(fromPointer(pointer), true);
    if (range) position = lineIndex(text)(range.start);
  }
  return new ConnectgenError(e.code, e.message, { file, pointer, ...(e.hint ? { hint: e.hint } : {}), ...(position ? { position } : {}), cause: error });
}

/** Runtime errors that carry a code and a pointer (a mapping that does not compile). */
function isCoded(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'string' && code.startsWith('CG_') && 'pointer' in error;
}
