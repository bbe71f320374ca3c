/**
 * OpenAPI 3.1 §4.8.2 Info Object: `description` becomes the generated package's description and the
 * opening paragraph of its README.
 */
import { defineRule, isObject } from '../rule.js';

export default defineRule({
  id: 'no-info-description',
  code: 'CG_NO_INFO_DESCRIPTION',
  description: 'info.description must say what the API is for.',
  given: '$.info.description',
  target: 'document',
  severity: 'warn',
  hint: 'add info.description (`connectgen lint --fix` adds a placeholder), or set description in connector.yaml',
  check(index) {
    const info = index.root['info'];
    if (isObject(info) && typeof info['description'] === 'string' && info['description'].trim() !== '') return undefined;
    return [{ path: isObject(info) ? ['info'] : [], message: 'info has no description' }];
  },
});
