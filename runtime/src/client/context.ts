/** What every part of a client instance shares: built once by createClient, read by the rest. */
import type { Dispatcher } from 'undici';
import type { Clock } from '../clock.js';
import type { SchemeAuths } from './auth-selection.js';
import type { ConnectorHooks } from '../client-api.js';
import type { OperationSpec } from '../definition.js';
import type { ConnectorDefinition } from '../definition.js';
import type { Redactor } from '../http/redact.js';
import type { RateLimiter } from '../ratelimit/limiter.js';
import type { RetryPolicy } from '../retry/policy.js';

export interface ClientContext {
  readonly definition: ConnectorDefinition;
  /** Retry backoff and rate limiting read the time and wait through this. */
  readonly clock: Clock;
  readonly dispatcher: Dispatcher;
  /** The configured auth schemes; `authForOperation` picks an operation's. */
  readonly auths: SchemeAuths;
  readonly retry: RetryPolicy;
  readonly limiter: RateLimiter;
  readonly timeoutMs: number | undefined;
  readonly hooks: ConnectorHooks | undefined;
  readonly redactor: Redactor;
  /** Base URL, no trailing slash; its origin is the only one that receives credentials. */
  readonly baseUrl: string;
  readonly origin: string;
  /** The user's `serverVariables`, for operations with servers of their own. */
  readonly serverVariables: Readonly<Record<string, string>> | undefined;
  /** Hosts (`host` or `host:port`) besides the request's own that next links may lead to. */
  readonly allowedHosts: ReadonlySet<string>;
  /** Operations the generated code registered, by id, for `testConnection()`. */
  readonly operations: Map<string, OperationSpec>;
  /** Headers every request starts with (User-Agent, the definition's, the options'), names lower-cased. */
  readonly headers: Readonly<Record<string, string>>;
}
