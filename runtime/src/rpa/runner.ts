/**
 * Runs jobs on one shared Chromium: each run gets a fresh browser context (its own cookies, storage
 * and cache, so runs never see each other's sessions), at most `concurrency` at once. The browser
 * starts on the first run and is started again if it crashed; `close()` ends it. `runJob` is the
 * one-shot form that always closes the browser it started.
 */
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { Semaphore } from '../ratelimit/concurrency.js';
import { launchChromium, type LaunchOptions } from './browser.js';
import { executeJob, type RunResult } from './execute.js';
import { resolveInputs } from './inputs.js';
import type { RpaJob } from './job/job.js';
import type { StepRecord } from './record.js';
import { ScreenshotDirectory, type ScreenshotSink } from './screenshots.js';
import type { RpaRunStore } from './store/store.js';

export interface RunnerOptions extends LaunchOptions {
  /** Runs in flight at once, each in its own context; default 2. */
  readonly concurrency?: number;
  /** Where execution records are kept; its screenshots directory is used too. */
  readonly store?: RpaRunStore;
  /** Screenshot directory when there is no store; default a `connectgen-rpa` folder in the OS temp dir. */
  readonly screenshotsDir?: string;
  /** Epoch ms; injected so tests can drive durations. */
  readonly now?: () => number;
  readonly newId?: () => string;
}

export interface RunOptions {
  readonly signal?: AbortSignal;
  readonly onStep?: (step: StepRecord) => void;
}

export class RpaRunner {
  readonly #options: RunnerOptions;
  readonly #slots: Semaphore;
  readonly #screenshots: ScreenshotSink;
  #browser: Promise<Browser> | undefined;
  #closed = false;

  constructor(options: RunnerOptions = {}) {
    this.#options = options;
    this.#slots = new Semaphore(options.concurrency ?? 2);
    const dir = options.store?.screenshotsDir ?? options.screenshotsDir ?? path.join(tmpdir(), 'connectgen-rpa');
    this.#screenshots = new ScreenshotDirectory(dir);
  }

  /**
   * Runs `job` with `inputs` (checked and converted first: `CG_RPA_INPUT` if they do not fit). A
   * failing step does not throw: the result's record says `failed` and names the step. The record is
   * saved to the store, if there is one, before this returns.
   */
  async run(job: RpaJob, inputs: Readonly<Record<string, unknown>> = {}, options: RunOptions = {}): Promise<RunResult> {
    const values = resolveInputs(job, inputs);
    await this.#slots.acquire(options.signal);
    try {
      const browser = await this.#browserInstance();
      const context = await browser.newContext();
      // An abort closes the context, which rejects whatever the step was waiting on.
      const onAbort = (): void => void context.close().catch(() => undefined);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        const result = await executeJob(job, values, context, {
          id: this.#options.newId?.() ?? randomUUID(),
          now: this.#options.now ?? Date.now,
          screenshots: this.#screenshots,
          ...(options.signal ? { signal: options.signal } : {}),
          ...(options.onStep ? { onStep: options.onStep } : {}),
        });
        await this.#options.store?.save(result.record);
        return result;
      } finally {
        options.signal?.removeEventListener('abort', onAbort);
        await context.close().catch(() => undefined);
      }
    } finally {
      this.#slots.release();
    }
  }

  /** Closes the browser; runs still in flight fail. Safe to call twice. */
  async close(): Promise<void> {
    this.#closed = true;
    const browser = this.#browser;
    this.#browser = undefined;
    if (browser) await (await browser.catch(() => undefined))?.close();
  }

  #browserInstance(): Promise<Browser> {
    if (this.#closed) return Promise.reject(new Error('this RpaRunner is closed'));
    if (!this.#browser) {
      const launching = launchChromium(this.#options);
      this.#browser = launching;
      // A crashed browser is dropped so the next run starts a new one; a failed launch is not cached.
      launching.then(
        (browser) => browser.on('disconnected', () => {
          if (this.#browser === launching) this.#browser = undefined;
        }),
        () => {
          if (this.#browser === launching) this.#browser = undefined;
        },
      );
    }
    return this.#browser;
  }
}

/** Runs one job on a browser of its own and closes it, whatever happens. */
export async function runJob(job: RpaJob, inputs: Readonly<Record<string, unknown>> = {}, options: RunnerOptions & RunOptions = {}): Promise<RunResult> {
  const runner = new RpaRunner(options);
  try {
    return await runner.run(job, inputs, options);
  } finally {
    await runner.close();
  }
}
