/**
 * `@connectgen/runtime/rpa`: jobs of browser steps for systems without an API, on playwright-core
 * and the system's Chromium. A separate entry point so connectors that never drive a browser do not
 * load Playwright or SQLite.
 *
 *   const job = await loadJob('submit-permit.yaml');             // or defineJob({ ... })
 *   const { record, outputs } = await runJob(job, { applicant: 'Ada' }, { store: openRunStore() });
 *   // or, for workers on several machines: { store: await openRpaStore('postgres://...') }
 */
export { defineJob, checkJob, DEFAULT_STEP_TIMEOUT_MS, type RpaJob } from './job/job.js';
export { loadJob, parseJob } from './job/load.js';
export { formatDiagnostic, RpaJobError, type RpaDiagnostic } from './job/diagnostics.js';
export type * from './job/types.js';
export { RpaRunner, runJob, type RunnerOptions, type RunOptions } from './runner.js';
export type { RunResult } from './execute.js';
export { RpaInputError } from './inputs.js';
export { CHROMIUM_ARGS, DEFAULT_CHROMIUM_PATH, launchChromium, resolveChromiumPath, RpaBrowserError, type LaunchOptions } from './browser.js';
export type * from './record.js';
export { DEFAULT_STORE_PATH, openRunStore, SqliteRunStore } from './store/sqlite.js';
export { openPostgresRunStore, PostgresRunStore, type PostgresRunStoreOptions } from './store/postgres.js';
export { openRpaStore, type OpenRpaStoreOptions } from './store/open.js';
export type * from './store/store.js';
export { rpaAction, rpaDestination, rpaSource, RpaRunError, RUN_ID_HEADER, type JobOutputs, type RpaDestination, type RpaDestinationOptions, type RpaSourceOptions } from './connector.js';
