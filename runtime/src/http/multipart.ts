/**
 * multipart/form-data (RFC 7578) as a stream of chunks, so file parts can be Node streams that are
 * never held in memory. undici's FormData accepts only Blobs and strings, hence our own encoder.
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

/**
 * A Blob or File (Node's, a browser's), as generated connectors type a file they send. Declared by
 * what a Blob has rather than as the global `Blob`, which only DOM or Node declarations define, so
 * that connector packages type-check without either. The runtime sends real Blobs only (it checks
 * `instanceof Blob` and rejects anything else with a ConnectorConfigError).
 */
export interface BlobLike {
  readonly size: number;
  readonly type: string;
  arrayBuffer(): Promise<ArrayBuffer>;
  slice(start?: number, end?: number, contentType?: string): BlobLike;
  stream(): unknown;
  text(): Promise<string>;
}

/** A file part: content plus optional filename and content type. A Node Readable is an AsyncIterable. */
export interface FilePart {
  readonly data: BlobLike | Uint8Array | AsyncIterable<Uint8Array>;
  readonly filename?: string;
  readonly contentType?: string;
}

export interface MultipartBody {
  readonly contentType: string;
  readonly body: AsyncIterable<Uint8Array> | Uint8Array;
  /** False when a part is a stream, which can be read only once. */
  readonly replayable: boolean;
}

const CRLF = '\r\n';

export function encodeMultipart(fields: Readonly<Record<string, unknown>>): MultipartBody {
  const boundary = `----connectgen${randomBytes(12).toString('hex')}`;
  const parts: Array<{ head: string; data: unknown }> = [];
  let replayable = true;
  for (const [name, raw] of Object.entries(fields)) {
    for (const value of Array.isArray(raw) ? raw : [raw]) {
      if (value === undefined || value === null) continue;
      const file = asFile(value);
      if (file) {
        if (isStream(file.data)) replayable = false;
        const filename = file.filename ?? (value instanceof File ? value.name : 'blob');
        const type = file.contentType ?? (file.data instanceof Blob && file.data.type ? file.data.type : 'application/octet-stream');
        parts.push({
          head: `--${boundary}${CRLF}Content-Disposition: form-data; name="${quote(name)}"; filename="${quote(filename)}"${CRLF}Content-Type: ${type}${CRLF}${CRLF}`,
          data: file.data,
        });
      } else {
        const isJson = typeof value === 'object' && !(value instanceof Date);
        const text = isJson ? JSON.stringify(value) : value instanceof Date ? value.toISOString() : String(value as string);
        const type = isJson ? `${CRLF}Content-Type: application/json` : '';
        parts.push({ head: `--${boundary}${CRLF}Content-Disposition: form-data; name="${quote(name)}"${type}${CRLF}${CRLF}`, data: text });
      }
    }
  }
  const contentType = `multipart/form-data; boundary=${boundary}`;
  if (replayable && parts.every((p) => typeof p.data === 'string' || p.data instanceof Uint8Array)) {
    // Fully in memory: send one buffer so undici sets content-length.
    const chunks = parts.flatMap((p) => [Buffer.from(p.head), toBuffer(p.data), Buffer.from(CRLF)]);
    return { contentType, body: Buffer.concat([...chunks, Buffer.from(`--${boundary}--${CRLF}`)]), replayable };
  }
  return { contentType, body: generate(parts, boundary), replayable };
}

function toBuffer(data: unknown): Buffer {
  return typeof data === 'string' ? Buffer.from(data) : Buffer.from(data as Uint8Array);
}

/** An iterable, not a one-shot generator, so a replayable (Blob-only) body can be sent again. */
function generate(parts: ReadonlyArray<{ head: string; data: unknown }>, boundary: string): AsyncIterable<Uint8Array> {
  return {
    async *[Symbol.asyncIterator]() {
      for (const part of parts) {
        yield Buffer.from(part.head);
        const data = part.data;
        if (typeof data === 'string' || data instanceof Uint8Array) yield toBuffer(data);
        else if (data instanceof Blob) for await (const chunk of data.stream()) yield chunk;
        else for await (const chunk of data as AsyncIterable<Uint8Array | string>) yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        yield Buffer.from(CRLF);
      }
      yield Buffer.from(`--${boundary}--${CRLF}`);
    },
  };
}

function asFile(value: unknown): FilePart | undefined {
  if (value instanceof Blob || value instanceof Uint8Array || isStream(value)) return { data: value as FilePart['data'] };
  if (value && typeof value === 'object' && 'data' in value) {
    const data = (value as { data: unknown }).data;
    if (data instanceof Blob || data instanceof Uint8Array || isStream(data)) return value as FilePart;
  }
  return undefined;
}

export function isStream(value: unknown): value is Readable | AsyncIterable<Uint8Array> {
  return value instanceof Readable || (typeof value === 'object' && value !== null && Symbol.asyncIterator in value && !(value instanceof Blob));
}

function quote(text: string): string {
  return text.replace(/["\r\n]/g, (c) => (c === '"' ? '%22' : c === '\r' ? '%0D' : '%0A'));
}
