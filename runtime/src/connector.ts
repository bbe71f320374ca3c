/**
 * `@connectgen/runtime/connector`: what a generated connector's actions, parameters and index
 * import, and nothing else. The main entry also carries webhooks, field mapping, paths and OAuth2
 * helpers, whose declarations (35 more files) every connector package would otherwise parse and
 * bind on each type-check: 2% of Stripe's (bench/results/output.md). A connector that receives
 * webhooks or maps fields imports those from the main entry, in the files that use them.
 */
export { createClient } from './client.js';
export {
  ConnectorAuthError,
  ConnectorConfigError,
  ConnectorError,
  ConnectorForeignHostError,
  ConnectorHttpError,
  ConnectorNetworkError,
  ConnectorPaginationError,
  ConnectorTimeoutError,
} from './http/errors.js';
export type { BlobLike } from './http/multipart.js';
export type * from './definition.js';
export type * from './client-api.js';
