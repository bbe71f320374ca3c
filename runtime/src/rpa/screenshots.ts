/**
 * Where screenshots go: `<dir>/<run id>/<seq>-<label>.png`. The label comes from the job (and may be
 * a template over inputs), so it is masked before it becomes a file name, then reduced to safe
 * characters so no label can climb out of the directory.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface ScreenshotSink {
  /** Stores a PNG; returns the path it can be read back from. `label` is already masked. */
  save(runId: string, seq: number, label: string, png: Buffer): Promise<string>;
}

export class ScreenshotDirectory implements ScreenshotSink {
  constructor(readonly dir: string) {}

  async save(runId: string, seq: number, label: string, png: Buffer): Promise<string> {
    const dir = path.join(this.dir, safeName(runId));
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, `${String(seq).padStart(3, '0')}-${safeName(label) || 'screenshot'}.png`);
    await writeFile(file, png);
    return file;
  }
}

/** Lowercase letters, digits and single dashes, at most 60 characters. */
export function safeName(label: string): string {
  return label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}
