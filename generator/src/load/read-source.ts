/**
 * Reads a spec's bytes from a local file or an http(s) URL. The only place connectgen reads input.
 * URLs follow redirects (fetch does, up to 20), time out, and stop at a size cap while streaming so a
 * hostile server cannot make us buffer gigabytes.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Dispatcher, Response } from 'undici';
import { ConnectgenError } from '../diagnostics/errors.js';

export interface SourceText {
  readonly uri: string;
  readonly text: string;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_BYTES = 100 * 1024 * 1024;

export function isUrl(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

export async function readSource(
  source: string,
  options: { cwd?: string; timeoutMs?: number; maxBytes?: number } = {},
): Promise<SourceText> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (isUrl(source)) return fetchSource(source, options.timeoutMs ?? DEFAULT_TIMEOUT_MS, maxBytes);
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(source) && !/^file:\/\//i.test(source)) {
    throw new ConnectgenError('CG_LOAD_SCHEME', `cannot load "${source}": only local files and http(s) URLs are supported`, {
      hint: 'download the document first, or pass an http:// or https:// URL',
    });
  }
  const file = /^file:\/\//i.test(source) ? new URL(source).pathname : path.resolve(options.cwd ?? process.cwd(), source);
  let size: number;
  try {
    const info = await stat(file);
    if (info.isDirectory()) {
      throw new ConnectgenError('CG_LOAD_NOT_A_FILE', 'is a directory, not a spec file', {
        file,
        hint: 'pass the path of the OpenAPI or Swagger document itself',
      });
    }
    size = info.size;
  } catch (error) {
    if (error instanceof ConnectgenError) throw error;
    throw new ConnectgenError('CG_LOAD_UNREADABLE', `cannot read file: ${describeFsError(error)}`, {
      file,
      hint: 'check the path and that the file is readable',
      cause: error,
    });
  }
  if (size > maxBytes) throw tooLarge(file, size, maxBytes);
  const text = await readFile(file, 'utf8');
  return { uri: file, text };
}

/**
 * Checks each URL a guarded fetch goes to (the first and every redirect), and the dispatcher that
 * checks the addresses it connects to. Used for a spec's `$ref`s (see ref-policy.ts).
 */
export interface FetchGuard {
  /** Throws a ConnectgenError when `url` may not be fetched. */
  check(url: URL): void;
  dispatcher(url: URL): Dispatcher | undefined;
}

const MAX_REDIRECTS = 10;

export async function fetchSource(url: string, timeoutMs: number, maxBytes: number, guard?: FetchGuard): Promise<SourceText> {
  // Imported here: most specs are files, and undici takes longer to load than a small spec to generate.
  const { fetch } = await import('undici');
  let response: Response;
  const signal = AbortSignal.timeout(timeoutMs);
  const accept = 'application/json, application/yaml, text/yaml, */*;q=0.5';
  try {
    if (!guard) {
      response = await fetch(url, { redirect: 'follow', signal, headers: { accept } });
    } else {
      // Redirects are followed by hand so each hop passes the same checks as the first URL.
      let next = new URL(url);
      for (let hop = 0; ; hop++) {
        guard.check(next);
        const dispatcher = guard.dispatcher(next);
        response = await fetch(next, { redirect: 'manual', signal, headers: { accept }, ...(dispatcher ? { dispatcher } : {}) });
        const location = response.headers.get('location');
        if (response.status < 300 || response.status >= 400 || !location) break;
        await response.body?.cancel();
        if (hop === MAX_REDIRECTS) throw new ConnectgenError('CG_LOAD_FETCH', `more than ${MAX_REDIRECTS} redirects`, { file: url, hint: 'check the URL' });
        next = new URL(location, next);
      }
    }
  } catch (error) {
    if (error instanceof ConnectgenError) throw error;
    const refused = (error as { cause?: unknown }).cause;
    if (refused instanceof ConnectgenError) throw refused;
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    throw new ConnectgenError(
      timedOut ? 'CG_LOAD_TIMEOUT' : 'CG_LOAD_FETCH',
      timedOut ? `no complete answer within ${timeoutMs} ms` : `cannot fetch: ${causeMessage(error)}`,
      { file: url, hint: timedOut ? 'try again, or download the file and pass its path' : 'check the URL and your network', cause: error },
    );
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new ConnectgenError('CG_LOAD_HTTP_STATUS', `server answered ${response.status} ${response.statusText}`.trim(), {
      file: response.url || url,
      hint: 'check the URL; private specs need to be downloaded with your credentials first',
    });
  }
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge(url, declared, maxBytes);
  }
  const chunks: Uint8Array[] = [];
  let received = 0;
  try {
    if (response.body) {
      for await (const chunk of response.body) {
        received += chunk.byteLength;
        if (received > maxBytes) throw tooLarge(url, received, maxBytes);
        chunks.push(chunk);
      }
    }
  } catch (error) {
    if (error instanceof ConnectgenError) throw error;
    throw new ConnectgenError('CG_LOAD_FETCH', `download interrupted: ${causeMessage(error)}`, { file: url, cause: error });
  }
  return { uri: response.url || url, text: Buffer.concat(chunks).toString('utf8') };
}

function tooLarge(where: string, size: number, maxBytes: number): ConnectgenError {
  return new ConnectgenError('CG_LOAD_TOO_LARGE', `document is ${size} bytes, over the ${maxBytes}-byte limit`, {
    file: where,
    hint: 'raise the limit with --max-bytes if this really is the spec',
  });
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return causeMessage(error);
}

function causeMessage(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}
