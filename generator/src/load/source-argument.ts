/**
 * What a command's `<spec>` argument names: the API description itself, or a connector.yaml whose
 * `spec:` points at it (a path relative to the yaml, or a URL). A config is recognised by content,
 * not by name: an object with a `spec` string and no `openapi`/`swagger` key.
 */
import { dirname, resolve } from 'node:path';
import { ConnectgenError } from '../diagnostics/errors.js';
import { parseText } from './parse.js';
import { isUrl, readSource } from './read-source.js';

export interface SourceArgument {
  /** Path or URL of the API description. */
  readonly spec: string;
  /** The parsed connector.yaml, when the argument was one. */
  readonly config?: Record<string, unknown>;
  /** Absolute path of that connector.yaml. */
  readonly configFile?: string;
}

/** A document whose first key is `openapi` or `swagger` (JSON, or YAML after a `---`). */
const OPENS_AS_SPEC = /^\uFEFF?(?:\s*---)?\s*\{?\s*["']?(?:openapi|swagger)["']?\s*:/;

export async function resolveSourceArgument(argument: string, options: { timeoutMs?: number } = {}): Promise<SourceArgument> {
  if (isUrl(argument) || !/\.(ya?ml|json)$/i.test(argument)) return { spec: argument };
  const { uri, text } = await readSource(argument, options);
  // Cheap tests first: a 10 MB spec is not parsed twice just to learn it is not a config. The first
  // key, where specs put `openapi`, before a search of every line (0.3 s on a 20 MB one-line JSON).
  if (OPENS_AS_SPEC.test(text.slice(0, 200)) || /^\s*["']?(?:openapi|swagger)["']?\s*:/m.test(text) || !/^\s*["']?spec["']?\s*:/m.test(text)) {
    return { spec: argument };
  }
  const value = parseText(text, uri).value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { spec: argument };
  const config = value as Record<string, unknown>;
  const spec = config['spec'];
  if (typeof spec !== 'string' || spec === '') {
    throw new ConnectgenError('CG_CONFIG_NO_SPEC', '`spec:` must name the Swagger/OpenAPI document', {
      file: uri,
      pointer: '/spec',
      hint: 'set `spec: ./openapi.yaml` (a path relative to connector.yaml, or an http(s) URL)',
    });
  }
  return { spec: isUrl(spec) ? spec : resolve(dirname(uri), spec), config, configFile: uri };
}
