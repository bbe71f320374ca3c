/**
 * The generation record: what `generate` leaves in `<package>/.connectgen/` so that later commands
 * know what it wrote and from what. Three files, all deterministic (same input, same bytes):
 *
 * - `record.json`  where the spec came from (path relative to the package, or URL), the
 *                  connector.yaml settings used, the generator version, and the list of files written;
 * - `spec.json`    the bundled OpenAPI 3 document the connector was generated from, so `diff` and
 *                  `regenerate` can compare against it after the vendor's spec has moved on;
 * - `base.json`    the generated files exactly as written (path -> text): the merge base of the
 *                  3-way merge that keeps a user's edits across `regenerate`.
 *
 * `npm pack` leaves `.connectgen/` out (package.json `files`); keep it under version control.
 */
import { createRequire } from 'node:module';
import { relative, resolve } from 'node:path';
import { ConnectgenError } from '../diagnostics/errors.js';
import { escapeInvisible, jsonText } from '../emit/view/safe.js';
import type { FileText } from '../emit/write.js';
import { isUrl } from '../load/read-source.js';
import { jsonChunks } from './json-chunks.js';

export const RECORD_DIR = '.connectgen';
export const RECORD_FILE = `${RECORD_DIR}/record.json`;
export const SPEC_FILE = `${RECORD_DIR}/spec.json`;
export const BASE_FILE = `${RECORD_DIR}/base.json`;
/** Bumped when the record's shape changes incompatibly. */
export const RECORD_VERSION = 1;

export const GENERATOR_VERSION: string = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;

export interface GenerationRecord {
  readonly recordVersion: typeof RECORD_VERSION;
  /** `@connectgen/cli` version that wrote the package. */
  readonly generator: string;
  /** What `generate` was given: a spec or a connector.yaml, relative to the package (POSIX), or a URL. */
  readonly source: string;
  /** The connector.yaml settings in force, when the source was one (its `spec` as written there). */
  readonly config?: Record<string, unknown>;
  /** Every generated file, relative, sorted; `.connectgen/` itself excluded. */
  readonly files: readonly string[];
}

/** A package's record with the snapshot and merge base, as read back from disk. */
export interface PackageRecord {
  readonly record: GenerationRecord;
  /** The bundled OpenAPI 3 document of the last generation. */
  readonly spec: Record<string, unknown>;
  /** The files as last generated. */
  readonly base: ReadonlyMap<string, string>;
}

export interface RecordInput {
  /** The argument given to generate: a path (relative to the working directory) or URL. */
  readonly source: string;
  /** Absolute path of the output directory. */
  readonly outDir: string;
  readonly config?: Record<string, unknown>;
  /** The converted, bundled document. */
  readonly document: unknown;
  /** The generated files, as emit returned them. */
  readonly files: ReadonlyMap<string, string>;
}

/**
 * The three record files for a generation (pure: no disk, no clock). The snapshot and the merge base
 * are as large as the spec and the package together (18.8 MB on GitHub's spec), so they are text
 * made on demand, piece by piece, as the writer takes it: never held whole.
 */
export function recordFiles(input: RecordInput): Map<string, FileText> {
  const files = [...input.files.keys()].sort();
  const record: GenerationRecord = {
    recordVersion: RECORD_VERSION,
    generator: GENERATOR_VERSION,
    source: sourceFromPackage(input.source, input.outDir),
    ...(input.config ? { config: input.config } : {}),
    files,
  };
  const base = Object.fromEntries(files.map((path) => [path, input.files.get(path)!]));
  return new Map<string, FileText>([
    // One member per file: each file's text is one string already.
    [BASE_FILE, jsonFile(base, 1)],
    [RECORD_FILE, jsonText(record, 2) + '\n'],
    [SPEC_FILE, jsonFile(input.document)],
  ]);
}

/**
 * `jsonText(value, 1) + '\n'` in pieces, each time it is iterated. jsonText escapes: the spec
 * snapshot holds the vendor's text verbatim, bidi controls included (Trojan Source).
 */
function jsonFile(value: unknown, depth?: number): Iterable<string> {
  return {
    *[Symbol.iterator]() {
      for (const chunk of jsonChunks(value, 1, depth)) yield escapeInvisible(chunk);
      yield '\n';
    },
  };
}

/** A path relative to the package, with `/` separators, so the record works on any machine. */
function sourceFromPackage(source: string, outDir: string): string {
  if (isUrl(source)) return source;
  return relative(outDir, resolve(source)).split('\\').join('/');
}

/** Parses and checks the three record files' text; `dir` names the package for errors. */
export function parseRecord(dir: string, texts: { record: string; spec: string; base: string }): PackageRecord {
  const { record, base } = parseRecordAndBase(dir, texts);
  const spec = parseJson(texts.spec, `${dir}/${SPEC_FILE}`);
  if (!isRecordObject(spec)) throw damaged(dir);
  return { record, spec, base };
}

/**
 * The record and the merge base without the spec snapshot: all `generate` needs to know what it
 * wrote before and whether it was edited. Parsing the snapshot (10 MB on GitHub's spec) and keeping
 * it through a run would cost time and memory for nothing.
 */
export function parseRecordAndBase(dir: string, texts: { record: string; base: string }): Omit<PackageRecord, 'spec'> {
  const record = parseJson(texts.record, `${dir}/${RECORD_FILE}`) as Partial<GenerationRecord>;
  if (record.recordVersion !== RECORD_VERSION || typeof record.source !== 'string' || !Array.isArray(record.files)) {
    throw new ConnectgenError('CG_RECORD_INVALID', `${RECORD_FILE} is not a connectgen record of version ${RECORD_VERSION}`, {
      file: `${dir}/${RECORD_FILE}`,
      hint: 'generate the package again with `connectgen generate <spec> --out <dir> --force`',
    });
  }
  const base = parseJson(texts.base, `${dir}/${BASE_FILE}`);
  if (!isRecordObject(base) || Object.values(base).some((v) => typeof v !== 'string')) throw damaged(dir);
  return { record: record as GenerationRecord, base: new Map(Object.entries(base as Record<string, string>)) };
}

function damaged(dir: string): ConnectgenError {
  return new ConnectgenError('CG_RECORD_INVALID', `${SPEC_FILE} or ${BASE_FILE} is damaged`, {
    file: `${dir}/${RECORD_DIR}`,
    hint: 'restore .connectgen/ from version control, or generate again with --force',
  });
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConnectgenError('CG_RECORD_INVALID', `not valid JSON: ${(error as Error).message}`, {
      file,
      hint: 'restore .connectgen/ from version control, or generate again with --force',
      cause: error,
    });
  }
}

const isRecordObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
