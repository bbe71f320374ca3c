/**
 * Which API description dialect a parsed document is. connectgen reads Swagger 2.0 and OpenAPI
 * 3.0.x / 3.1.x; for everything else we name what we think it is so the user knows what to do.
 */
import { ConnectgenError } from '../diagnostics/errors.js';
import type { Position } from '../diagnostics/diagnostic.js';
import { positionAt } from './parse.js';
import type { SpecVersion } from './types.js';

const EXPECTED = 'expected an OpenAPI 3.0/3.1 document (`openapi: 3.x.y`) or Swagger 2.0 (`swagger: "2.0"`)';

export function detectVersion(value: unknown, text: string, uri: string): { version: SpecVersion; versionString: string } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const got = value === null ? 'null' : Array.isArray(value) ? 'a list' : `a ${typeof value}`;
    throw new ConnectgenError('CG_LOAD_NOT_OPENAPI', `the document is ${got}; ${EXPECTED}`, {
      file: uri,
      hint: 'pass the API description itself, not a fragment of it',
    });
  }
  const doc = value as Record<string, unknown>;
  const where = (key: string) => keyPosition(text, key);

  if ('openapi' in doc) {
    const raw = doc['openapi'];
    const written = typeof raw === 'string' ? raw : String(raw);
    if (typeof raw !== 'string') {
      throw error('CG_LOAD_BAD_VERSION', `\`openapi\` must be a string such as "3.0.3", got ${JSON.stringify(raw)}`, uri, where('openapi'), 'quote the version: openapi: "3.0.3"');
    }
    if (/^3\.0\.\d+(-.+)?$/.test(raw)) return { version: 'openapi-3.0', versionString: written };
    if (/^3\.1\.\d+(-.+)?$/.test(raw)) return { version: 'openapi-3.1', versionString: written };
    throw error('CG_LOAD_UNSUPPORTED_VERSION', `OpenAPI ${written} is not supported; ${EXPECTED}`, uri, where('openapi'), 'use a 3.0.x or 3.1.x document (a full version such as 3.0.3)');
  }
  if ('swagger' in doc) {
    const raw = doc['swagger'];
    if (raw === '2.0' || raw === 2) return { version: 'swagger-2.0', versionString: '2.0' };
    throw error('CG_LOAD_UNSUPPORTED_VERSION', `Swagger ${String(raw)} is not supported; ${EXPECTED}`, uri, where('swagger'), 'convert it to Swagger 2.0 or OpenAPI 3 first');
  }
  if ('swaggerVersion' in doc) {
    throw error('CG_LOAD_UNSUPPORTED_VERSION', `this is a Swagger ${String(doc['swaggerVersion'])} document; ${EXPECTED}`, uri, where('swaggerVersion'), 'convert it to OpenAPI 3 (for example with api-spec-converter), then run connectgen on the result');
  }
  const info = doc['info'] as Record<string, unknown> | undefined;
  if (info && (typeof info['_postman_id'] === 'string' || String(info['schema'] ?? '').includes('getpostman.com'))) {
    throw error('CG_LOAD_NOT_OPENAPI', `this is a Postman collection, not an API description; ${EXPECTED}`, uri, where('info'), 'export an OpenAPI document from the vendor, or convert the collection with postman-to-openapi');
  }
  if ('asyncapi' in doc) {
    throw error('CG_LOAD_NOT_OPENAPI', `this is an AsyncAPI document; ${EXPECTED}`, uri, where('asyncapi'), 'connectgen generates connectors for HTTP APIs described by OpenAPI');
  }
  throw error('CG_LOAD_NOT_OPENAPI', `no \`openapi\` or \`swagger\` field at the top level; ${EXPECTED}`, uri, undefined, 'check that this is the API description file');
}

function error(code: string, message: string, file: string, position: Position | undefined, hint: string): ConnectgenError {
  return new ConnectgenError(code, message, { file, hint, ...(position ? { position } : {}) });
}

/** Where a top-level key is written, for error messages; undefined when not found. */
function keyPosition(text: string, key: string): Position | undefined {
  const match = new RegExp(`^\\s*["']?${key}["']?\\s*:`, 'm').exec(text) ?? new RegExp(`["']${key}["']\\s*:`).exec(text);
  if (!match) return undefined;
  const offset = match.index + match[0].search(/\S/);
  return positionAt(text, offset);
}
