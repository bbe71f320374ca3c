/**
 * RPA tests need a real Chromium. Where there is none, they are skipped with the reason in the
 * suite name (and once on stderr), so a skipped run is never mistaken for a passing one.
 */
import { accessSync, constants } from 'node:fs';
import { describe } from 'vitest';
import { DEFAULT_CHROMIUM_PATH } from '../rpa/browser.js';

function findChromium(): string | undefined {
  const path = process.env['CHROMIUM_PATH'] || DEFAULT_CHROMIUM_PATH;
  try {
    accessSync(path, constants.X_OK);
    return path;
  } catch {
    return undefined;
  }
}

export const chromiumPath = findChromium();

const reason = `no Chromium at ${process.env['CHROMIUM_PATH'] || DEFAULT_CHROMIUM_PATH}: install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH`;

/** `describe` when Chromium is present; otherwise a skipped suite whose name says why. */
export function describeWithChromium(name: string, body: () => void): void {
  if (chromiumPath) {
    // A browser on a loaded two-core CI machine: generous per-test time, so slowness is not failure.
    describe(name, { timeout: 120_000 }, body);
    return;
  }
  process.stderr.write(`RPA tests skipped (${name}): ${reason}\n`);
  describe.skip(`${name} [skipped: ${reason}]`, body);
}
