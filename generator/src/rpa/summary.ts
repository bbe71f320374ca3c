/**
 * How RPA runs read in a terminal: one line per step as it ends, one line per stored run. Everything
 * printed comes from the (masked) execution record, never from the raw inputs.
 */
import type { ExecutionRecord, RunSummary, StepRecord } from '@connectgen/runtime/rpa';

/** `  ok   #3 click role button "Next"  182 ms` (indented by forEach depth via the pointer). */
export function formatStep(step: StepRecord): string {
  const depth = step.pointer.split('/').length / 2 - 1; // /steps/N is depth 0, /steps/N/then/M depth 1
  const status = step.status === 'succeeded' ? 'ok  ' : 'FAIL';
  const iteration = step.iteration === undefined ? '' : ` [${step.iteration}]`;
  const attempts = step.attempts > 1 ? `, ${step.attempts} attempts` : '';
  let line = `${'  '.repeat(depth + 1)}${status} #${step.seq} ${step.name}${iteration}  ${Math.round(step.durationMs)} ms${attempts}`;
  if (step.error) line += `\n${'  '.repeat(depth + 3)}${step.error.code}: ${firstLine(step.error.message)}`;
  if (step.status === 'failed' && step.url) line += `\n${'  '.repeat(depth + 3)}at ${step.url}`;
  if (step.screenshot) line += `\n${'  '.repeat(depth + 3)}screenshot ${step.screenshot}`;
  return line;
}

/** The closing line of a run: what happened, and for a failure which step. */
export function formatOutcome(record: ExecutionRecord): string {
  const took = `${plural(record.steps.length, 'step')} in ${Math.round(record.durationMs)} ms, run ${record.id}`;
  if (record.status === 'succeeded') return `ok ${record.job}: ${took}`;
  const error = record.error;
  return `FAILED ${record.job} at step ${error?.step ?? '?'} (${error?.pointer ?? '?'}): ${error?.code ?? ''} ${firstLine(error?.message ?? '')}\n  ${took}`;
}

export function formatRunRow(run: RunSummary): string {
  const failed = run.failedStep ? `  failed at ${run.failedStep}` : '';
  return `${run.id}  ${run.startedAt}  ${run.status.padEnd(9)}  ${run.job}  ${plural(run.steps, 'step')}  ${Math.round(run.durationMs)} ms${failed}`;
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? '';
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
