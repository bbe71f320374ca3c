/**
 * The next package version for a bump, by semver's rules (the `semver` package does the arithmetic).
 * Below 1.0.0 semver promises nothing, and the common reading (npm's caret ranges, Cargo) is that the
 * minor number plays major: a breaking change bumps 0.3.1 to 0.4.0 and anything else to 0.3.2.
 */
import semver from 'semver';
import { ConnectgenError } from '../diagnostics/errors.js';
import type { Bump } from './types.js';

export function nextVersion(version: string, bump: Bump): string {
  const current = semver.parse(version);
  if (!current) {
    throw new ConnectgenError('CG_VERSION_INVALID', `package version ${JSON.stringify(version)} is not semver`, {
      pointer: '/version',
      hint: 'set "version" in package.json (or connector.yaml) to x.y.z',
    });
  }
  if (bump === 'none') return current.version;
  const release = current.major === 0 ? (bump === 'major' ? 'minor' : 'patch') : bump;
  return semver.inc(current.version, release)!;
}
