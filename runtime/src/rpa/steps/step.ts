/**
 * The one interface every step kind implements. A kind is data plus two small functions: `check`
 * validates its fields when the job is loaded (with pointers), `run` performs it on the page. The
 * registry in `index.ts` maps the step's key (`fill`, `click`, ...) to its kind.
 */
import type { Locator, Page } from 'playwright-core';
import type { JobChecker } from '../job/checker.js';
import type { StepDefinition, Target } from '../job/types.js';

/** A validated step with its place in the job, and the nested steps of `if` / `forEach`. */
export interface LoadedStep {
  readonly kind: string;
  readonly def: StepDefinition;
  /** JSON pointer of the step in the job definition: `/steps/4/then/0`. */
  readonly pointer: string;
  readonly blocks: Readonly<Record<string, readonly LoadedStep[]>>;
}

/** What a running step may use. Values it reads pass through `render`; nothing it records is unmasked. */
export interface StepContext {
  readonly page: Page;
  /** This attempt's timeout, already set as the page's default. */
  readonly timeoutMs: number;
  render(template: string): unknown;
  renderString(template: string): string;
  locate(target: Target): Locator;
  /** Sets (or with `append`, adds to the list) an output variable for later steps and the result. */
  setOutput(name: string, value: unknown, append?: boolean): void;
  /** True when `text` contains a secret input's value. */
  holdsSecret(text: string): boolean;
  /** Remembers a field holding a secret, so later screenshots black it out. */
  maskInScreenshots(locator: Locator): void;
  /** Saves a screenshot labelled `label`; returns its path. */
  screenshot(label: string, fullPage?: boolean): Promise<string>;
  /** Runs nested steps; `variables` (a loop item) are visible to their templates. */
  runBlock(steps: readonly LoadedStep[], variables?: Readonly<Record<string, unknown>>, iteration?: number): Promise<void>;
}

/** Turns a nested list of step definitions into loaded steps (used by `if` and `forEach`). */
export type LoadSteps = (value: unknown, pointer: string) => LoadedStep[];

export interface StepKind<D extends StepDefinition = StepDefinition> {
  /** The key that names this kind in a step (`fill: ...`). */
  readonly key: string;
  /** Further fields this kind accepts, besides its key and the common ones. */
  readonly fields: readonly string[];
  check(def: D, pointer: string, checker: JobChecker, loadSteps: LoadSteps): Readonly<Record<string, readonly LoadedStep[]>> | void;
  /** A short description for summaries when the step has no `name` (never a rendered value). */
  describe(def: D): string;
  /** Performs the step; the return value goes into the execution record (masked). */
  run(def: D, ctx: StepContext, step: LoadedStep): Promise<unknown>;
}
