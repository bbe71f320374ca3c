/**
 * @connectgen/runtime: what generated connectors import. `createClient` builds a connector's
 * HTTP client from its definition; the rest is the error classes callers catch and the types
 * generated code is written against.
 */
// createClient, the error classes and the types generated code is written against: the narrow
// entry generated connectors import (`@connectgen/runtime/connector`), all of it here too.
export * from './connector.js';
export { REDACTED } from './http/redact.js';
export { systemClock, type Clock } from './clock.js';
// What a connector retries, for documentation that must say exactly that (the generated README).
export { isRetryableMethod, resolveRetryPolicy, type RetryPolicy } from './retry/policy.js';
// OAuth2 authorization code helpers, for the app that runs the browser redirect.
export {
  buildAuthorizationUrl,
  exchangeAuthorizationCode,
  type AuthorizationUrl,
  type AuthorizationUrlOptions,
  type CodeExchangeDeps,
  type CodeExchangeOptions,
} from './auth/index.js';
export type { AuthFailureReason } from './auth/errors.js';
export type { FilePart } from './http/multipart.js';
export type { HttpDispatcher } from './http/dispatcher.js';
export type { Abortable, AbortSource } from './http/abortable.js';
// Paths into JSON values (JSONPath names, indexes and wildcards, or JSON Pointer), as configs,
// mappings and sync definitions write them.
export { formatPath, getAll, getPath, parsePath, PathSyntaxError, PathWriteError, setPath, type ParsedPath, type PathInput, type PathSegment } from './path/index.js';
// Webhooks: sign/verify, outbound delivery, a node:http receiver.
export * from './webhooks/index.js';
// Field mapping: declarative mappings compiled to one function, with per-record field errors.
export * from './mapping/index.js';
