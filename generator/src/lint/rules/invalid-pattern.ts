/**
 * JSON Schema Validation §6.3.3 `pattern` (and `patternProperties` keys) "SHOULD be a valid regular
 * expression, according to the ECMA-262 dialect". The generated validators compile it with the `u`
 * flag, as JSON Schema validators such as Ajv do; a pattern that fails there fails at run time.
 */
import { defineRule, isObject, type RuleFinding } from '../rule.js';

/** Why `source` does not compile with `flags`, or `undefined` if it does. */
function regexError(source: string, flags: string): string | undefined {
  try {
    new RegExp(source, flags);
    return undefined;
  } catch (error) {
    // "Invalid regular expression: /^[A-Z/u: Unterminated character class" -> the part after the source.
    const message = (error as Error).message;
    const reason = message.slice(message.lastIndexOf(': ') + 2);
    return reason === '' ? message : reason;
  }
}

function check(pattern: string, path: (string | number)[], what: string): RuleFinding | undefined {
  const plain = regexError(pattern, '');
  if (plain) return { path, message: `${what} ${JSON.stringify(pattern)} is not a valid regular expression: ${plain}` };
  const unicode = regexError(pattern, 'u');
  if (unicode) {
    return {
      path,
      severity: 'warn',
      message: `${what} ${JSON.stringify(pattern)} is only valid without the \`u\` (unicode) flag that JSON Schema validators use: ${unicode}`,
    };
  }
  return undefined;
}

export default defineRule({
  id: 'invalid-pattern',
  code: 'CG_INVALID_PATTERN',
  description: 'A schema `pattern` must be a valid ECMA-262 regular expression (with the `u` flag).',
  given: '$..pattern',
  target: 'schema',
  severity: 'error',
  hint: 'fix the regular expression (escape `-` and `.` inside [...], balance brackets), or remove the pattern',
  check(schema) {
    const findings: RuleFinding[] = [];
    const pattern = schema.node['pattern'];
    if (typeof pattern === 'string') {
      const finding = check(pattern, [...schema.path, 'pattern'], 'pattern');
      if (finding) findings.push(finding);
    }
    const patternProperties = schema.node['patternProperties'];
    if (isObject(patternProperties)) {
      for (const key of Object.keys(patternProperties)) {
        const finding = check(key, [...schema.path, 'patternProperties', key], 'patternProperties key');
        if (finding) findings.push(finding);
      }
    }
    return findings;
  },
});
