/**
 * Which rules run, and how severe they are. Three sources, later ones winning:
 *   1. `connector.yaml` beside the spec: `lint: { rules: { CG_NO_SERVER: off } }`;
 *   2. `.connectgen-lint.yaml` or `.spectral.yaml|yml|json` beside the spec;
 *   3. `--ruleset <file>`.
 * Rule files use Spectral's shape (`rules: { id: off | error | warn | info | hint }`); `extends` and
 * other Spectral keys are accepted and ignored, since the rule set is always spectral:oas plus ours.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { readConnectorConfig } from '../config/read.js';
import { toPointer } from '../diagnostics/diagnostic.js';
import { ConnectgenError } from '../diagnostics/errors.js';
import { createLocator, lineIndex } from './locate.js';
import { LOAD_CODES } from './load-codes.js';
import { OAS_RULE_IDS, type RuleSetting } from './oas/run.js';
import { isObject } from './rule.js';
import { CG_RULES } from './rules/index.js';

export interface LintConfig {
  readonly rules: Readonly<Record<string, RuleSetting>>;
  /** The files the settings came from, in the order applied. */
  readonly files: readonly string[];
}

const SETTINGS: readonly RuleSetting[] = ['off', 'error', 'warn', 'info', 'hint'];
// Spectral also accepts numbers (0 error .. 3 hint, -1 off) and booleans (false: off).
const NUMERIC: Record<string, RuleSetting> = { '-1': 'off', '0': 'error', '1': 'warn', '2': 'info', '3': 'hint' };
const RULE_FILES = ['.connectgen-lint.yaml', '.connectgen-lint.yml', '.spectral.yaml', '.spectral.yml', '.spectral.json'];

export function knownRule(id: string): boolean {
  return OAS_RULE_IDS.has(id) || LOAD_CODES.has(id) || CG_RULES.some((r) => r.code === id || r.id === id);
}

export interface ConfigSources {
  /** The spec's path; rule files and connector.yaml are looked for beside it. */
  readonly spec?: string;
  /** A connector.yaml named on the command line (instead of the one beside the spec). */
  readonly connector?: string;
  /** `--ruleset <file>`. */
  readonly ruleset?: string;
}

/** Reads the configuration that applies to a spec. */
export function loadLintConfig({ spec: specFile, connector, ruleset: rulesetFile }: ConfigSources): LintConfig {
  const rules: Record<string, RuleSetting> = {};
  const files: string[] = [];
  const dir = specFile && !/^[a-z][a-z0-9+.-]*:\/\//i.test(specFile) ? dirname(specFile) : undefined;
  const apply = (file: string, base: string[]): void => {
    Object.assign(rules, parseRuleSettings(readConfig(file), file, base));
    files.push(file);
  };
  const connectorFile = connector ?? ['connector.yaml', 'connector.yml'].map((name) => dir && join(dir, name)).find((f) => f && existsSync(f));
  // The same reader as generate: a connector.yaml lint accepts, generate accepts too.
  const connectorConfig = connectorFile ? readConnectorConfig(connectorFile).config : undefined;
  if (connectorFile && connectorConfig?.lint !== undefined) {
    Object.assign(rules, parseRuleSettings(connectorConfig as Record<string, unknown>, connectorFile, ['lint']));
    files.push(connectorFile);
  }
  const discovered = dir ? RULE_FILES.map((name) => join(dir, name)).find((file) => existsSync(file)) : undefined;
  if (discovered) apply(discovered, []);
  if (rulesetFile) apply(rulesetFile, []);
  return { rules, files };
}

function readConfig(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConnectgenError('CG_LINT_CONFIG_UNREADABLE', `cannot read lint configuration: ${(error as Error).message}`, {
      file,
      hint: 'check the path given to --ruleset',
    });
  }
  try {
    const value: unknown = parseYaml(text) ?? {};
    if (!isObject(value)) throw new Error('expected a mapping at the top level');
    return value;
  } catch (error) {
    throw new ConnectgenError('CG_LINT_CONFIG_INVALID', `invalid lint configuration: ${(error as Error).message.split('\n')[0]}`, {
      file,
      hint: 'the file must be YAML or JSON with a `rules:` mapping',
    });
  }
}

/** `rules:` under `base` in `config` -> settings; anything else is a coded error that points at it. */
export function parseRuleSettings(config: Record<string, unknown>, file: string, base: string[]): Record<string, RuleSetting> {
  const fail = (path: (string | number)[], message: string, hint: string): never => {
    const text = readFileSync(file, 'utf8');
    const range = createLocator(text, /^\s*[{[]/.test(text) ? 'json' : 'yaml')(path, true);
    throw new ConnectgenError('CG_LINT_CONFIG_INVALID', message, {
      file,
      pointer: toPointer(path),
      hint,
      ...(range ? { position: lineIndex(text)(range.start) } : {}),
    });
  };
  let section: unknown = config;
  for (const key of base) section = isObject(section) ? section[key] : undefined;
  if (section === undefined || section === null) return {};
  if (!isObject(section)) return fail(base, 'expected a mapping with a `rules:` key', 'write `rules: { CG_NO_SERVER: off }`');
  const rules = section['rules'];
  if (rules === undefined || rules === null) return {};
  if (!isObject(rules)) return fail([...base, 'rules'], '`rules` must be a mapping of rule id to severity', 'write `rules: { CG_NO_SERVER: off }`');
  const settings: Record<string, RuleSetting> = {};
  for (const [id, value] of Object.entries(rules)) {
    const path = [...base, 'rules', id];
    if (!knownRule(id)) fail(path, `unknown rule "${id}"`, 'use a code from `connectgen lint` output (CG_... or a spectral:oas rule id)');
    const raw = Array.isArray(value) ? value[0] : value;
    const setting = typeof raw === 'boolean' ? (raw ? undefined : 'off') : typeof raw === 'number' ? NUMERIC[String(raw)] : SETTINGS.find((s) => s === raw);
    if (typeof raw === 'boolean' && raw) continue; // `true`: keep the rule's own severity
    if (!setting) {
      fail(
        path,
        isObject(value) ? `rule "${id}" is a rule definition; only switching rules off or changing severity is supported` : `"${String(value)}" is not a severity`,
        'use one of: off, error, warn, info, hint',
      );
    } else {
      settings[id] = setting;
    }
  }
  return settings;
}
