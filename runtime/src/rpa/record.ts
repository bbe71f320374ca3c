/**
 * The execution record of one run: what was asked (inputs, secrets masked), what came out, and per
 * step what happened. Everything in it has passed through the run's redactor, so it can be stored,
 * printed and shipped to a log without leaking a secret input.
 */

export type RunStatus = 'succeeded' | 'failed';
export type StepStatus = 'succeeded' | 'failed';

export interface StepError {
  /** `CG_RPA_STEP_TIMEOUT` when the step ran out of time, else `CG_RPA_STEP_FAILED`. */
  readonly code: string;
  readonly message: string;
}

export interface StepRecord {
  /** Order in which the step started, from 1. */
  readonly seq: number;
  /** The step's JSON pointer in the job: `/steps/4/steps/1`. */
  readonly pointer: string;
  /** The enclosing `forEach` iteration (0-based), when inside one. */
  readonly iteration?: number;
  readonly kind: string;
  /** The step's `name`, or a description of it. */
  readonly name: string;
  readonly status: StepStatus;
  readonly attempts: number;
  readonly durationMs: number;
  /** What the step produced (an extracted value, the branch taken...), masked. */
  readonly result?: unknown;
  readonly error?: StepError;
  /** Path of the screenshot taken by this step, or on its failure. */
  readonly screenshot?: string;
  /** The page URL when the step ended (secret values masked). */
  readonly url?: string;
}

export interface ExecutionRecord {
  readonly id: string;
  readonly job: string;
  readonly status: RunStatus;
  /** ISO timestamps. */
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
  /** Inputs as given (defaults applied); secret inputs are `[REDACTED]`. */
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly outputs: Readonly<Record<string, unknown>>;
  /** The failing step and why, when the run failed. */
  readonly error?: { readonly step: string; readonly pointer: string; readonly code: string; readonly message: string };
  readonly steps: readonly StepRecord[];
}
