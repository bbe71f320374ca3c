/**
 * A connector.yaml file and what it points at, read once for every command that builds an IR
 * (generate, regenerate, the IR-level commands): the validated config, where it came from (so
 * errors say file:line:column) and the icon's SVG (the IR stage does no I/O).
 */
import type { BuildOptions } from '../ir/build/document.js';
import { readIcon } from './icon.js';
import { readConnectorConfig, type ConfigSource } from './read.js';
import type { ConnectorConfig } from './types.js';

export interface ConfigSettings {
  readonly config: ConnectorConfig;
  readonly source: ConfigSource;
  readonly icon?: string;
}

export function readConfigSettings(file: string): ConfigSettings {
  const { config, source } = readConnectorConfig(file);
  return { config, source, ...(config.icon !== undefined ? { icon: readIcon(config.icon, source) } : {}) };
}

/** The options `buildIR` takes from a config file, beside the config itself. */
export function configBuildOptions(settings: ConfigSettings | undefined): Pick<BuildOptions, 'configSource' | 'icon'> {
  if (settings === undefined) return {};
  return { configSource: settings.source, ...(settings.icon !== undefined ? { icon: settings.icon } : {}) };
}
