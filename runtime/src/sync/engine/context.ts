/** What every step of one run shares: the settings resolved once from the definition, and the run's parts. */
import type { Masker } from '../audit/mask.js';
import type { Clock } from '../clock.js';
import type { MappingFunction, SyncDefinition } from '../definition/types.js';
import type { Destination } from '../destinations/destination.js';
import type { StreamKey, SyncStore } from '../store/store.js';
import type { RetrySettings } from './retry.js';

export interface RunContext {
  readonly definition: SyncDefinition;
  readonly key: StreamKey;
  readonly runId: string;
  readonly store: SyncStore;
  readonly destination: Destination;
  readonly clock: Clock;
  readonly map: MappingFunction | undefined;
  readonly mask: Masker;
  readonly retry: RetrySettings;
  readonly concurrency: number;
  readonly auditSkips: boolean;
  readonly signal: AbortSignal | undefined;
}
