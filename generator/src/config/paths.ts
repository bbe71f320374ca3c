/**
 * Paths into responses that connector.yaml names (pagination's `resultsKey`, `nextCursorPath`,
 * `nextUrlPath`; oauth2 `expirySignals[].path`), read at generate time with the runtime's own
 * parser: a path the runtime cannot read would otherwise end every listing after its first page,
 * silently, or fail the connector when it is created.
 */
import type { PaginationConfig } from '@connectgen/runtime';
import { parsePath, PathSyntaxError } from '@connectgen/runtime/path';
import { toPointer } from '../diagnostics/diagnostic.js';
import type { ConfigProblem } from './explain.js';
import type { ConnectorConfig } from './types.js';

const PATH_FIELDS = ['resultsKey', 'nextCursorPath', 'nextUrlPath'] as const;

/** Every pagination block of the config, with its pointer. */
function paginations(config: ConnectorConfig): [string, PaginationConfig][] {
  const blocks: [string, PaginationConfig][] = config.pagination === undefined ? [] : [['/pagination', config.pagination]];
  for (const [key, override] of Object.entries(config.actions?.overrides ?? {})) {
    if (override.pagination !== undefined) blocks.push([`/actions/overrides${toPointer([key])}/pagination`, override.pagination]);
  }
  return blocks;
}

/** Every path the config names, with its pointer. */
function namedPaths(config: ConnectorConfig): [string, unknown][] {
  const found: [string, unknown][] = [];
  for (const [base, pagination] of paginations(config)) {
    for (const field of PATH_FIELDS) found.push([`${base}/${field}`, (pagination as unknown as Readonly<Record<string, unknown>>)[field]]);
  }
  const signals = config.auth?.['expirySignals'];
  if (Array.isArray(signals)) signals.forEach((signal: { path?: unknown }, i) => found.push([`/auth/expirySignals/${i}/path`, signal.path]));
  return found;
}

/** The first path that does not parse, or that could match several values where one is needed. */
export function checkPaths(config: ConnectorConfig): ConfigProblem | undefined {
  for (const [pointer, text] of namedPaths(config)) {
    if (typeof text !== 'string') continue;
    try {
      if (parsePath(text).multiple) {
        return { code: 'CG_CONFIG_INVALID', pointer, message: `${pointer}: ${JSON.stringify(text)} can match several values; it must name one`, hint: 'replace [*] with an index such as [0] or [-1], or a name' };
      }
    } catch (error) {
      if (!(error instanceof PathSyntaxError)) throw error;
      return { code: error.code, pointer, message: `${pointer}: ${error.message}`, hint: error.hint };
    }
  }
  return undefined;
}
