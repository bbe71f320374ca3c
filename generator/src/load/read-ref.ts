/**
 * Reads what a spec's `$ref` names, under the spec's RefPolicy: the one way bundling (convert,
 * generate) and lint reach files and URLs beyond the spec itself. A refused target throws a
 * ConnectgenError (CG_REF_OUTSIDE_TREE, CG_REF_REMOTE, CG_REF_PRIVATE_ADDRESS, CG_REF_SCHEME).
 */
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConnectgenError } from '../diagnostics/errors.js';
import { DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS, fetchSource, isUrl, readSource, type SourceText } from './read-source.js';
import { guardedDispatcher, refRefusal, type RefPolicy } from './ref-policy.js';

export interface ReadRefOptions {
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
}

export async function readRef(policy: RefPolicy, target: string, options: ReadRefOptions = {}): Promise<SourceText> {
  const file = localPath(target);
  refuseIfNeeded(policy, file ?? target);
  if (file !== undefined) return readSource(file, options);
  return fetchSource(target, options.timeoutMs ?? DEFAULT_TIMEOUT_MS, options.maxBytes ?? DEFAULT_MAX_BYTES, {
    check: (url) => refuseIfNeeded(policy, url.href),
    dispatcher: (url) => guardedDispatcher(policy, url),
  });
}

/** The synchronous half, for local files only (lint's walk); a URL target is refused as remote. */
export function readRefSync(policy: RefPolicy, target: string, options: ReadRefOptions = {}): SourceText {
  const file = localPath(target);
  if (file === undefined) throw new ConnectgenError('CG_REF_REMOTE', `$ref fetches ${target}; not read here`, { file: target });
  refuseIfNeeded(policy, file);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  try {
    const info = statSync(file);
    if (!info.isFile()) throw new ConnectgenError('CG_LOAD_NOT_A_FILE', 'is not a file', { file });
    if (info.size > maxBytes) throw new ConnectgenError('CG_LOAD_TOO_LARGE', `file is ${info.size} bytes, over the ${maxBytes}-byte limit`, { file });
    return { uri: file, text: readFileSync(file, 'utf8') };
  } catch (error) {
    if (error instanceof ConnectgenError) throw error;
    throw new ConnectgenError('CG_LOAD_UNREADABLE', `cannot read file: ${(error as Error).message}`, { file, cause: error });
  }
}

function refuseIfNeeded(policy: RefPolicy, target: string): void {
  const refused = refRefusal(policy, target);
  if (refused) throw refused;
}

/** The file a target names, or undefined for an http(s) URL. */
function localPath(target: string): string | undefined {
  if (/^file:/i.test(target)) return fileURLToPath(target);
  return isUrl(target) ? undefined : target;
}
