/**
 * An RPA job where the rest of connectgen expects API calls, so a flow can mix both:
 * - `rpaAction`: the call shape of a generated action, `(input, options) => Promise<output>`;
 * - `rpaSource`: the shape of a paginated action (what a sync reads), items taken from a list output;
 * - `rpaDestination`: runs the job once per record (what a sync writes through).
 * A failed run rejects with `RpaRunError`, carrying the (masked) execution record.
 */
import type { Action, ActionResponse, CallOptions, Page, PaginatedAction, PaginateOptions } from '../client-api.js';
import { ConnectorConfigError, ConnectorError } from '../http/errors.js';
import type { RunResult } from './execute.js';
import type { RpaJob } from './job/job.js';
import type { ExecutionRecord } from './record.js';
import type { RpaRunner } from './runner.js';

export class RpaRunError extends ConnectorError {
  readonly code = 'CG_RPA_RUN_FAILED';
  readonly record: ExecutionRecord;

  constructor(record: ExecutionRecord) {
    const error = record.error;
    super(`RPA job "${record.job}" failed at step ${error?.step ?? '?'} (${error?.pointer ?? ''}): ${error?.code ?? ''} ${error?.message.split('\n')[0] ?? ''}`);
    this.record = record;
  }

  protected override details(): Record<string, unknown> {
    return { runId: this.record.id, job: this.record.job, step: this.record.error };
  }
}

export type JobOutputs = Record<string, unknown>;

export function rpaAction<TInput extends Readonly<Record<string, unknown>>, TOutput = JobOutputs>(runner: RpaRunner, job: RpaJob): Action<TInput, TOutput> {
  const withResponse = async (input: TInput, options?: CallOptions): Promise<ActionResponse<TOutput>> => asResponse(await runOnce(runner, job, input, options)) as ActionResponse<TOutput>;
  return Object.assign(async (input: TInput, options?: CallOptions) => (await runOnce(runner, job, input, options)).outputs as TOutput, { withResponse });
}

export interface RpaSourceOptions {
  /** The list output whose elements are the source's items (an `extract ... table: true` output). */
  readonly items: string;
}

/** One run is one page: a web page has no cursor a later run could resume from. */
export function rpaSource<TInput extends Readonly<Record<string, unknown>>, TItem = Record<string, string>>(
  runner: RpaRunner,
  job: RpaJob,
  options: RpaSourceOptions,
): PaginatedAction<TInput, JobOutputs, TItem> {
  if (!job.outputs.includes(options.items)) {
    throw new ConnectorConfigError(`job "${job.name}" has no output "${options.items}" to read items from; its outputs: ${job.outputs.join(', ')}`);
  }
  const page = async (input: TInput, callOptions?: PaginateOptions): Promise<Page<TItem, JobOutputs>> => {
    const response = asResponse(await runOnce(runner, job, input, callOptions));
    const items = response.body[options.items];
    if (!Array.isArray(items)) throw new ConnectorConfigError(`output "${options.items}" of job "${job.name}" is not a list`);
    return { ...response, items: items as TItem[], index: 0, next: undefined };
  };
  const call = async (input: TInput, callOptions?: CallOptions): Promise<JobOutputs> => (await runOnce(runner, job, input, callOptions)).outputs;
  return Object.assign(call, {
    withResponse: async (input: TInput, callOptions?: CallOptions) => asResponse(await runOnce(runner, job, input, callOptions)),
    async *pages(input: TInput, callOptions?: PaginateOptions) {
      // `resumeFrom` past the only page, or a page limit of 0, leaves nothing to read.
      if (callOptions?.resumeFrom || callOptions?.maxPages === 0) return;
      yield await page(input, callOptions);
    },
    async *all(input: TInput, callOptions?: PaginateOptions) {
      if (callOptions?.resumeFrom || callOptions?.maxPages === 0) return;
      yield* (await page(input, callOptions)).items;
    },
  });
}

export interface RpaDestinationOptions<TRecord> {
  /** Maps a record to the job's inputs; default the record itself. */
  readonly inputs?: (record: TRecord) => Readonly<Record<string, unknown>>;
}

export interface RpaDestination<TRecord> {
  /** Runs the job for one record; resolves to the job's outputs (say, the id the form assigned). */
  write(record: TRecord, options?: CallOptions): Promise<JobOutputs>;
}

export function rpaDestination<TRecord>(runner: RpaRunner, job: RpaJob, options: RpaDestinationOptions<TRecord> = {}): RpaDestination<TRecord> {
  const toInputs = options.inputs ?? ((record: TRecord) => record as Readonly<Record<string, unknown>>);
  return { write: async (record, callOptions) => (await runOnce(runner, job, toInputs(record), callOptions)).outputs };
}

/** Header naming the run, so a caller with only the response can find its execution record. */
export const RUN_ID_HEADER = 'x-connectgen-rpa-run';

/** A browser run has no HTTP response; the shape callers expect carries the outputs and the run id. */
function asResponse(result: RunResult): ActionResponse<JobOutputs> {
  return { status: 200, headers: { [RUN_ID_HEADER]: result.record.id }, body: result.outputs };
}

async function runOnce(runner: RpaRunner, job: RpaJob, input: Readonly<Record<string, unknown>>, options?: CallOptions): Promise<RunResult> {
  const signals = [options?.signal, options?.timeoutMs ? AbortSignal.timeout(options.timeoutMs) : undefined].filter((s) => s !== undefined);
  const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
  const { record, outputs } = await runner.run(job, input, signal ? { signal } : {});
  // As with generated actions, a cancelled call rejects with the signal's reason, unchanged.
  if (signal?.aborted) throw signal.reason;
  if (record.status === 'failed') throw new RpaRunError(record);
  return { record, outputs: { ...outputs } };
}
