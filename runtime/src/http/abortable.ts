/**
 * What a wait or a request can be aborted by: a caller's AbortSignal, or the runtime's per-call
 * deadline (deadline.ts: an EventEmitter, because one costs far less to make than an AbortController).
 * The deadline is declared by what is read of it rather than by its class, so that the public types
 * (`Clock.sleep`) import no Node module: connector packages type-check without Node's declarations.
 */
export type Abortable = AbortSignal | AbortSource;

/** An abortable that is not an AbortSignal: `aborted`, `reason`, and an `abort` event. */
export interface AbortSource {
  readonly aborted: boolean;
  readonly reason: unknown;
  on(event: 'abort', listener: () => void): unknown;
  removeListener(event: 'abort', listener: () => void): unknown;
}
