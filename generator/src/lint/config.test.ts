import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConnectgenError } from '../diagnostics/errors.js';
import { loadLintConfig } from './config.js';

async function dirWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'cg-lint-config-'));
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return dir;
}

describe('loadLintConfig', () => {
  it('reads connector.yaml lint.rules, then a discovered rule file, then --ruleset, later winning', async () => {
    const dir = await dirWith({
      'connector.yaml': 'name: pets\nlint:\n  rules:\n    CG_NO_SERVER: off\n    info-contact: info\n',
      '.spectral.yaml': 'extends: [spectral:oas]\nrules:\n  info-contact: off\n  operation-tags: false\n',
      'strict.yaml': 'rules:\n  CG_PATH_TRAILING_SLASH: error\n  operation-description: 1\n',
    });
    const config = loadLintConfig({ spec: path.join(dir, 'openapi.yaml'), ruleset: path.join(dir, 'strict.yaml') });
    expect(config.rules).toEqual({
      CG_NO_SERVER: 'off',
      'info-contact': 'off',
      'operation-tags': 'off',
      CG_PATH_TRAILING_SLASH: 'error',
      'operation-description': 'warn',
    });
    expect(config.files.map((f) => path.basename(f))).toEqual(['connector.yaml', '.spectral.yaml', 'strict.yaml']);
  });

  it('prefers .connectgen-lint.yaml and accepts rule ids as well as codes', async () => {
    const dir = await dirWith({ '.connectgen-lint.yaml': 'rules:\n  no-server: hint\n', '.spectral.yaml': 'rules:\n  no-server: off\n' });
    expect(loadLintConfig({ spec: path.join(dir, 'a.json') }).rules).toEqual({ 'no-server': 'hint' });
  });

  it('rejects an unknown rule or severity with a coded error that points at it', async () => {
    const dir = await dirWith({ 'bad.yaml': 'rules:\n  CG_NO_SERVR: off\n', 'sev.yaml': 'rules:\n  CG_NO_SERVER: loud\n', 'def.yaml': 'rules:\n  info-contact:\n    given: $\n' });
    const error = (file: string): ConnectgenError => {
      try {
        loadLintConfig({ ruleset: path.join(dir, file) });
      } catch (e) {
        return e as ConnectgenError;
      }
      throw new Error('expected an error');
    };
    expect(error('bad.yaml')).toMatchObject({ code: 'CG_LINT_CONFIG_INVALID', pointer: '/rules/CG_NO_SERVR', position: { line: 2, column: 3 } });
    expect(error('sev.yaml').message).toContain('"loud" is not a severity');
    expect(error('def.yaml').message).toContain('rule definition');
    expect(error('missing.yaml').code).toBe('CG_LINT_CONFIG_UNREADABLE');
  });
});
