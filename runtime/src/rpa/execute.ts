/**
 * Runs one job in one browser context: steps in order, each attempt under its timeout, retried where
 * the step says, and every step recorded. The first step that fails for good ends the run, with a
 * screenshot and the page URL in its record. Everything recorded passes through the redactor built
 * from the run's secret inputs.
 */
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { Redactor } from '../http/redact.js';
import type { RpaJob } from './job/job.js';
import { maskInputs, secretValues } from './inputs.js';
import type { ExecutionRecord, StepError, StepRecord } from './record.js';
import type { ScreenshotSink } from './screenshots.js';
import { RpaAssertionError } from './steps/assert.js';
import { stepKinds, type LoadedStep, type StepContext } from './steps/index.js';
import { locate } from './target.js';
import { renderString, renderTemplate, TemplateValueError } from './template.js';

export interface ExecuteOptions {
  readonly id: string;
  /** Epoch milliseconds; durations and timestamps both come from it. */
  readonly now: () => number;
  readonly screenshots: ScreenshotSink;
  readonly signal?: AbortSignal;
  /** Called as each step ends, with its (masked) record: progress for a CLI or a log. */
  readonly onStep?: (step: StepRecord) => void;
}

export interface RunResult {
  /** Masked: safe to store and print. */
  readonly record: ExecutionRecord;
  /** The job's outputs as extracted, unmasked, for the caller's own use. */
  readonly outputs: Readonly<Record<string, unknown>>;
}

/** Unwinds the run from the step that failed for good; containers record themselves and pass it on. */
class StepFailed extends Error {
  constructor(readonly step: StepRecord) {
    super(step.error?.message);
  }
}

const MAX_ERROR_LENGTH = 1500;
const ABORTED: StepError = { code: 'CG_RPA_ABORTED', message: 'the run was cancelled (signal aborted or call timeout)' };

export async function executeJob(job: RpaJob, inputs: Readonly<Record<string, unknown>>, context: BrowserContext, options: ExecuteOptions): Promise<RunResult> {
  const { now } = options;
  const startedAt = now();
  const secrets = secretValues(job, inputs);
  const redactor = new Redactor(() => secrets);
  const outputs: Record<string, unknown> = {};
  const records: StepRecord[] = [];
  const secretFields: Locator[] = [];
  let seq = 0;
  const page = await context.newPage();

  const screenshot = async (stepSeq: number, label: string, fullPage: boolean): Promise<string> => {
    const png = await page.screenshot({ fullPage, mask: secretFields, timeout: 5_000 });
    return options.screenshots.save(options.id, stepSeq, redactor.text(label), png);
  };

  const runSteps = async (steps: readonly LoadedStep[], scope: Readonly<Record<string, unknown>>, iteration?: number): Promise<void> => {
    for (const step of steps) await runStep(step, scope, iteration);
  };

  const runStep = async (step: LoadedStep, scope: Readonly<Record<string, unknown>>, iteration: number | undefined): Promise<void> => {
    const kind = stepKinds.get(step.kind)!;
    const mySeq = ++seq;
    const name = step.def.name ?? kind.describe(step.def as never);
    const timeoutMs = step.def.timeoutMs ?? job.timeoutMs;
    const attemptsAllowed = 1 + (step.def.retries ?? 0);
    const render = (template: string): unknown => renderTemplate(template, scope);
    const ctx: StepContext = {
      page,
      timeoutMs,
      render,
      renderString: (template) => renderString(template, scope),
      locate: (target) => locate(page, target, (template) => renderString(template, scope)),
      setOutput: (key, value, append) => {
        outputs[key] = append ? [...(Array.isArray(outputs[key]) ? outputs[key] : []), value] : value;
      },
      holdsSecret: (text) => secrets.some((secret) => secret !== '' && text.includes(secret)),
      maskInScreenshots: (locator) => secretFields.push(locator),
      screenshot: (label, fullPage) => screenshot(mySeq, label, fullPage ?? false),
      runBlock: (nested, variables, index) => runSteps(nested, variables ? { ...scope, ...variables } : scope, index ?? iteration),
    };
    const started = now();
    let attempts = 0;
    for (;;) {
      // A cancelled run stops at the next step and says so in the record.
      if (options.signal?.aborted) throw new StepFailed(finish({ status: 'failed', error: ABORTED }));
      attempts++;
      page.setDefaultTimeout(timeoutMs);
      page.setDefaultNavigationTimeout(timeoutMs);
      try {
        const result = await kind.run(step.def as never, ctx, step);
        const shot = step.kind === 'screenshot' ? (result as { path: string }).path : undefined;
        finish({ status: 'succeeded', result: redactor.value(result), screenshot: shot });
        return;
      } catch (error) {
        // A nested step already recorded its failure; the container fails with it, without retrying.
        if (error instanceof StepFailed) {
          finish({ status: 'failed', error: { code: 'CG_RPA_NESTED_STEP', message: `nested step #${error.step.seq} (${error.step.name}) failed` } });
          throw error;
        }
        if (options.signal?.aborted) throw new StepFailed(finish({ status: 'failed', error: ABORTED }));
        if (attempts < attemptsAllowed) continue;
        const shot = await screenshot(mySeq, `failed-${step.kind}`, false).catch(() => undefined);
        throw new StepFailed(finish({ status: 'failed', error: describeError(error, redactor), screenshot: shot }));
      }
    }

    function finish(outcome: Pick<StepRecord, 'status' | 'result' | 'error' | 'screenshot'>): StepRecord {
      const record: StepRecord = {
        seq: mySeq,
        pointer: step.pointer,
        ...(iteration === undefined ? {} : { iteration }),
        kind: step.kind,
        name: redactor.text(name),
        status: outcome.status,
        attempts,
        durationMs: now() - started,
        ...(outcome.result === undefined ? {} : { result: outcome.result }),
        ...(outcome.error === undefined ? {} : { error: outcome.error }),
        ...(outcome.screenshot === undefined ? {} : { screenshot: outcome.screenshot }),
        url: pageUrl(page, redactor),
      };
      records.push(record);
      options.onStep?.(record);
      return record;
    }
  };

  let failure: StepRecord | undefined;
  try {
    await runSteps(job.steps, { inputs, outputs });
  } catch (error) {
    if (!(error instanceof StepFailed)) throw error;
    failure = error.step;
  } finally {
    await page.close().catch(() => undefined);
  }
  const finishedAt = now();
  const returned = Object.fromEntries(job.outputs.filter((name) => outputs[name] !== undefined).map((name) => [name, outputs[name]]));
  const record: ExecutionRecord = {
    id: options.id,
    job: job.name,
    status: failure ? 'failed' : 'succeeded',
    startedAt: new Date(startedAt).toISOString(),
    finishedAt: new Date(finishedAt).toISOString(),
    durationMs: finishedAt - startedAt,
    inputs: redactor.value(maskInputs(job, inputs)) as Record<string, unknown>,
    outputs: redactor.value(returned) as Record<string, unknown>,
    ...(failure?.error ? { error: { step: `#${failure.seq} ${failure.name}`, pointer: failure.pointer, ...failure.error } } : {}),
    steps: records.sort((a, b) => a.seq - b.seq),
  };
  return { record, outputs: returned };
}

function describeError(error: unknown, redactor: Redactor): StepError {
  const code =
    error instanceof RpaAssertionError ? 'CG_RPA_ASSERT'
    // By name: importing Playwright's error classes would load all of Playwright with this module.
    : error instanceof Error && error.name === 'TimeoutError' ? 'CG_RPA_STEP_TIMEOUT'
    : error instanceof TemplateValueError ? 'CG_RPA_TEMPLATE'
    : 'CG_RPA_STEP_FAILED';
  const message = error instanceof Error ? error.message : String(error);
  // Playwright's call logs can run long; the head says what was attempted and why it failed.
  return { code, message: redactor.text(message).slice(0, MAX_ERROR_LENGTH) };
}

function pageUrl(page: Page, redactor: Redactor): string | undefined {
  return page.isClosed() ? undefined : redactor.url(page.url());
}
