/** View of `package.json`: every value a JSON literal, so a spec's text cannot break the file. */
import type { ConnectorIR } from '../../ir/types.js';
import { ICON_FILE } from './manifest.js';
import { jsonText, npmPackageName, stringLiteral as json } from './safe.js';

/** Versions the generated package depends on; the runtime is versioned with the generator. */
export const RUNTIME_RANGE = '^0.1.0';
export const TYPESCRIPT_RANGE = '^5.9.0 || ^7.0.0';

export interface PackageJsonView {
  readonly name: string;
  readonly version: string;
  readonly description: string;
  readonly license: string;
  readonly keywords: string;
  readonly runtimeVersion: string;
  readonly typescriptVersion: string;
  /** `"icon.svg",` when the package has one, for `files`. */
  readonly iconFile: string;
}

export function packageJsonView(ir: ConnectorIR): PackageJsonView {
  const description = oneLine(ir.info.description) || `Typed connector for the ${ir.info.title} API.`;
  return {
    name: json(npmPackageName(ir.info.packageName)),
    version: json(ir.info.version),
    description: json(description.length > 200 ? description.slice(0, 197) + '...' : description),
    license: json('UNLICENSED'),
    keywords: jsonText(['connectgen', 'connector', ir.info.name]),
    runtimeVersion: json(RUNTIME_RANGE),
    typescriptVersion: json(TYPESCRIPT_RANGE),
    iconFile: ir.info.icon === undefined ? '' : json(ICON_FILE),
  };
}

/** The first paragraph of a description, on one line. */
function oneLine(text: string | undefined): string {
  return (text ?? '').split(/\n\s*\n/)[0]!.replace(/\s+/g, ' ').trim();
}
