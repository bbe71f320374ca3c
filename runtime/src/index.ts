/**
 * @connectgen/runtime: what generated connectors import. `createClient` builds a connector's
 * HTTP client from its definition; the rest is the error classes callers catch and the types
 * generated code is written against.
 */
export { createClient } from './client.js';
export {
  ConnectorAuthError,
  ConnectorConfigError,
  ConnectorError,
  ConnectorHttpError,
  ConnectorNetworkError,
  ConnectorPaginationError,
  ConnectorTimeoutError,
} from './http/errors.js';
export { REDACTED } from './http/redact.js';
export type { FilePart } from './http/multipart.js';
export type * from './definition.js';
export type * from './client-api.js';
