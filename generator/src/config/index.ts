/**
 * connector.yaml: one JSON Schema (`connector.schema.json`), one reader, cross-checks against the
 * spec. `lint` reads `lint.rules` from it, `generate` everything else.
 */
export type { ActionOverride, ActionSelector, ActionsConfig, AuthOverride, ConnectorConfig, LintSettings, RenameRule } from './types.js';
export { configError, configDir, parseConnectorConfig, readConnectorConfig, type ConfigSource, type ReadConfig } from './read.js';
export { checkCompleteAuth, checkConfigShape, connectorSchema, SCHEMA_FILE } from './schema.js';
export type { ConfigProblem } from './explain.js';
