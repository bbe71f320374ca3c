/**
 * The IR stage: the bundled OpenAPI 3 document plus connector.yaml -> ConnectorIR (plain data).
 * `buildIR` is the entry; the rest is what emit, the manifest and diff read alongside it.
 */
export { buildIR, type BuildOptions } from './build/document.js';
export type { ConnectorConfig } from '../config/types.js';
export { operationInputType } from './input.js';
export type * from './types.js';
export { IR_VERSION } from './types.js';
