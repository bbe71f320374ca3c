import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { format } from './index.js';

const diagnostics: Diagnostic[] = [
  { code: 'CG_NO_OPERATION_ID', severity: 'error', message: 'GET /pets has no operationId', pointer: '/paths/~1pets/get', hint: 'add one', file: '/w/specs/a.yaml', start: { line: 11, column: 5 }, end: { line: 14, column: 1 } },
  { code: 'info-contact', severity: 'warn', message: 'Info object must have "contact" object.', pointer: '/info', file: '/w/specs/a.yaml', start: { line: 3, column: 1 } },
  { code: 'CG_INVALID_PATTERN', severity: 'warn', message: 'bad', pointer: '/Item/pattern', file: '/w/specs/schemas.yaml', start: { line: 2, column: 3 } },
];

describe('formatters', () => {
  it('stylish groups by file with line:col, severity, code, message, hint and a summary', () => {
    const text = format('stylish', diagnostics, { cwd: '/w' });
    expect(text).toContain('specs/a.yaml\n');
    expect(text).toMatch(/ {2}11:5 +error +CG_NO_OPERATION_ID +GET \/pets has no operationId/);
    expect(text).toContain('Try this: add one');
    expect(text).toContain('specs/schemas.yaml\n');
    expect(text).toContain('3 problems (1 error, 2 warnings, 0 infos, 0 hints)');
    expect(format('stylish', [])).toContain('no problems');
    const hostile = format('stylish', [{ ...diagnostics[1]!, message: 'a\n  b \u001b[2J c' }]);
    expect(hostile).toContain('a ⏎ b \\u001b[2J c');
  });

  it('json is the diagnostics array', () => {
    expect(JSON.parse(format('json', diagnostics))).toEqual(diagnostics);
  });

  it('sarif is a 2.1.0 log with rules, levels and physical locations', () => {
    const log = JSON.parse(format('sarif', diagnostics, { cwd: '/w', describe: (c) => (c === 'CG_NO_OPERATION_ID' ? 'needs ids' : undefined) }));
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('connectgen');
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['CG_INVALID_PATTERN', 'CG_NO_OPERATION_ID', 'info-contact']);
    expect(run.tool.driver.rules[1].shortDescription.text).toBe('needs ids');
    expect(run.results[0]).toMatchObject({
      ruleId: 'CG_NO_OPERATION_ID',
      ruleIndex: 1,
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'specs/a.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 11, startColumn: 5, endLine: 14, endColumn: 1 } } }],
    });
    expect(run.results[1].level).toBe('warning');
  });
});
