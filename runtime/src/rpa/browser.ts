/**
 * Finding and launching the system's Chromium. playwright-core ships no browser and cannot download
 * one here, so the binary comes from the machine: an explicit path, `CHROMIUM_PATH`, else Debian's
 * `/usr/bin/chromium`. A missing browser is a clear error naming the package, not a spawn failure.
 */
import { accessSync, constants } from 'node:fs';
import type { Browser } from 'playwright-core';
import { ConnectorError } from '../http/errors.js';

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Flags for a browser that runs unattended: no sandbox (containers rarely allow its namespaces), no
 * GPU, and none of the background traffic (updates, sync, QUIC probes) a job should not make.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export class RpaBrowserError extends ConnectorError {
  readonly code: 'CG_RPA_NO_CHROMIUM' | 'CG_RPA_NO_PLAYWRIGHT' | 'CG_RPA_NO_DISPLAY' | 'CG_RPA_BROWSER_LAUNCH';
  readonly hint: string;

  constructor(code: RpaBrowserError['code'], message: string, hint: string, cause?: unknown) {
    super(message, { cause });
    this.code = code;
    this.hint = hint;
  }

  protected override details(): Record<string, unknown> {
    return { hint: this.hint };
  }
}

const INSTALL_HINT = "install Debian's chromium package (apt-get install chromium), or point CHROMIUM_PATH (or the chromiumPath option / --chromium) at a Chromium or Chrome binary";

/** The browser binary to use; throws `CG_RPA_NO_CHROMIUM` when it is not an executable file. */
export function resolveChromiumPath(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env['CHROMIUM_PATH'];
  const path = explicit ?? (fromEnv ? fromEnv : DEFAULT_CHROMIUM_PATH);
  const source = explicit !== undefined ? 'the chromiumPath option' : fromEnv ? 'CHROMIUM_PATH' : 'the default path';
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new RpaBrowserError('CG_RPA_NO_CHROMIUM', `no Chromium at ${path} (${source})`, INSTALL_HINT);
  }
  return path;
}

export interface LaunchOptions {
  readonly chromiumPath?: string;
  /** Show the browser window (for writing and debugging a job). Default false. */
  readonly headed?: boolean;
}

export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  const executablePath = resolveChromiumPath(options.chromiumPath);
  if (options.headed) requireDisplay();
  const { chromium } = await loadPlaywright();
  try {
    return await chromium.launch({ executablePath, headless: !options.headed, args: [...CHROMIUM_ARGS] });
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    throw new RpaBrowserError('CG_RPA_BROWSER_LAUNCH', `Chromium at ${executablePath} did not start: ${reason}`, 'run it by hand with --headless --version to see why; a headed run needs a display (DISPLAY)', error);
  }
}

/**
 * A headed Chromium on Linux without an X or Wayland display exits at once with a page of Ozone
 * errors; say what is missing before starting it.
 */
function requireDisplay(): void {
  if (process.platform !== 'linux' || process.env['DISPLAY'] || process.env['WAYLAND_DISPLAY']) return;
  throw new RpaBrowserError(
    'CG_RPA_NO_DISPLAY',
    'a headed browser needs a display, and neither DISPLAY nor WAYLAND_DISPLAY is set',
    'drop --headed, or run under a virtual display: xvfb-run -a connectgen rpa run ... --headed (Debian package xvfb)',
  );
}

/**
 * playwright-core is an optional peer dependency: connectors that never drive a browser should not
 * install 14 MB of it. Loaded on first launch, not at import, as it takes most of a second to load
 * and listing runs or checking a job file needs no browser.
 */
async function loadPlaywright(): Promise<typeof import('playwright-core')> {
  try {
    return await import('playwright-core');
  } catch (error) {
    throw new RpaBrowserError('CG_RPA_NO_PLAYWRIGHT', 'playwright-core is not installed', 'npm install playwright-core (the @connectgen/cli package brings it)', error);
  }
}
