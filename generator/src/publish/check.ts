/**
 * The packed tarball, checked the way a consumer's tools will see it: publint (package.json fields,
 * exports, files that exist in the tarball) and @arethetypeswrong/core (do the types resolve under
 * every module resolution TypeScript users have). Both run as libraries on the very tarball that
 * is then published. Connectors are ESM-only by design, so attw's CommonJS-only findings (node10
 * resolution, `require` from node16 CommonJS) are not problems here, as with attw's esm-only profile.
 */
import { checkPackage, createPackageFromTarballData } from '@arethetypeswrong/core';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

export interface PackageProblem {
  readonly tool: 'publint' | 'attw';
  readonly code: string;
  readonly message: string;
}

const ESM_ONLY_IGNORED = new Set(['node10', 'node16-cjs']);

export async function checkTarball(tarball: Uint8Array): Promise<PackageProblem[]> {
  const problems: PackageProblem[] = [];
  const copy = () => tarball.slice().buffer;
  // No pkgDir: publint reads everything, package.json included, from the tarball itself.
  const { messages, pkg } = await publint({ pack: { tarball: copy() }, level: 'warning' });
  for (const message of messages) {
    problems.push({ tool: 'publint', code: message.code, message: formatMessage(message, pkg, { color: false }) ?? message.code });
  }
  const result = await checkPackage(createPackageFromTarballData(new Uint8Array(copy())));
  if (result.types === false) {
    problems.push({ tool: 'attw', code: 'NoTypes', message: 'the package ships no type declarations' });
    return problems;
  }
  for (const problem of result.problems) {
    const kind = 'resolutionKind' in problem ? problem.resolutionKind : undefined;
    if (kind !== undefined && ESM_ONLY_IGNORED.has(kind)) continue;
    const where = 'entrypoint' in problem ? ` at ${problem.entrypoint}${kind ? ` (${kind})` : ''}` : 'fileName' in problem ? ` in ${problem.fileName}` : '';
    problems.push({ tool: 'attw', code: problem.kind, message: `${problem.kind}${where}` });
  }
  return problems;
}
