/**
 * Paths into responses that connector.yaml's pagination names (`resultsKey`, `nextCursorPath`,
 * `nextUrlPath`), read at generate time with the runtime's own parser: a path the runtime cannot
 * read would otherwise end every listing after its first page, silently, at run time.
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

/** The first path that does not parse, or that could match several values where one is needed. */
export function checkPaths(config: ConnectorConfig): ConfigProblem | undefined {
  for (const [base, pagination] of paginations(config)) {
    for (const field of PATH_FIELDS) {
      const text = (pagination as unknown as Readonly<Record<string, unknown>>)[field];
      if (typeof text !== 'string') continue;
      const pointer = `${base}/${field}`;
      try {
        if (parsePath(text).multiple) {
          return { code: 'CG_CONFIG_INVALID', pointer, message: `${pointer}: ${JSON.stringify(text)} can match several values; it must name one`, hint: 'replace [*] with an index such as [0] or [-1], or a name' };
        }
      } catch (error) {
        if (!(error instanceof PathSyntaxError)) throw error;
        return { code: error.code, pointer, message: `${pointer}: ${error.message}`, hint: error.hint };
      }
    }
  }
  return undefined;
}
