import { mkdtemp, readFile, rm, symlink, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFiles, type FileText } from './write.js';

describe('writeFiles', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'cg-write-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('creates directories and writes LF line endings', async () => {
    const out = join(root, 'out');
    const result = await writeFiles(out, new Map([['src/actions/pets.ts', 'a\r\nb\n']]));
    expect(await readFile(join(out, 'src/actions/pets.ts'), 'utf8')).toBe('a\nb\n');
    expect(result).toEqual({ files: 1, bytes: 4 });
  });

  it('writes a file given in pieces, in batches, with LF line endings even where a CRLF spans two batches', async () => {
    const out = join(root, 'out');
    const pieces = ['{\r', '\n "a": 1,\r', '\n "é": 2\r\n', '}', '\n'];
    const result = await writeFiles(out, new Map<string, FileText>([['.connectgen/spec.json', pieces], ['README.md', 'x\r\n']]), { batchChars: 3 });
    expect(await readFile(join(out, '.connectgen/spec.json'), 'utf8')).toBe('{\n "a": 1,\n "é": 2\n}\n');
    expect(result).toEqual({ files: 2, bytes: Buffer.byteLength('{\n "a": 1,\n "é": 2\n}\n') + 2 });
  });

  it('writes many files, several at a time, each whole', async () => {
    const out = join(root, 'out');
    const files = new Map(Array.from({ length: 30 }, (_, i) => [`src/actions/a${String(i).padStart(2, '0')}.ts`, `// ${i}\n`.repeat(1000 + i)] as const));
    const result = await writeFiles(out, files);
    for (const [path, text] of files) expect(await readFile(join(out, path), 'utf8')).toBe(text);
    expect(result).toEqual({ files: 30, bytes: [...files.values()].reduce((sum, text) => sum + Buffer.byteLength(text), 0) });
  });

  it('rejects with the error of a write that fails while others are under way', async () => {
    const out = join(root, 'out');
    // A directory where a file should go: writing it fails (EISDIR).
    await mkdir(join(out, 'src', 'actions', 'a03.ts'), { recursive: true });
    const files = new Map(Array.from({ length: 12 }, (_, i) => [`src/actions/a${String(i).padStart(2, '0')}.ts`, 'x\n'] as const));
    await expect(writeFiles(out, files)).rejects.toMatchObject({ code: 'EISDIR' });
  });

  it.each(['../escape.ts', '/etc/passwd', 'src/../../escape.ts', 'a\\..\\..\\b', ''])('refuses %j', async (path) => {
    await expect(writeFiles(join(root, 'out'), new Map([[path, 'x']]))).rejects.toMatchObject({
      code: 'CG_EMIT_PATH_OUTSIDE',
    });
  });

  it('refuses to write through a symlinked directory that leads outside', async () => {
    const out = join(root, 'out');
    await mkdir(join(root, 'elsewhere'));
    await mkdir(out);
    await symlink(join(root, 'elsewhere'), join(out, 'src'));
    await expect(writeFiles(out, new Map([['src/index.ts', 'x']]))).rejects.toMatchObject({
      code: 'CG_EMIT_PATH_OUTSIDE',
    });
  });
});
