/**
 * OpenAPI 3.1 §4.8.8 Paths Object: a path is appended to the server URL; `/pets/` and `/pets` are
 * different URLs to many servers, and a generated action would call the one with the slash.
 */
import { defineRule } from '../rule.js';

export default defineRule({
  id: 'path-trailing-slash',
  code: 'CG_PATH_TRAILING_SLASH',
  description: 'A path must not end with `/` (the root path `/` excepted).',
  given: '$.paths[*]~',
  target: 'pathItem',
  severity: 'warn',
  hint: 'remove the trailing slash (`connectgen lint --fix` does it when no other path has that name)',
  check(item) {
    if (item.path[0] !== 'paths' || item.path.length !== 2) return undefined;
    if (item.pathKey.length <= 1 || !item.pathKey.endsWith('/')) return undefined;
    return [{ path: item.path, message: `path "${item.pathKey}" ends with a slash` }];
  },
});
