/** Codes of findings made while reading a spec (not by a lint rule), which settings can switch off like rules. */
export const LOAD_CODES: ReadonlySet<string> = new Set(['CG_DUPLICATE_KEY', 'CG_YAML_LENIENT']);
