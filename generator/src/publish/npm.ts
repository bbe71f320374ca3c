/**
 * npm as a child process: the one way publish talks to a registry, so `.npmrc`, auth tokens and
 * proxies work exactly as they do for the user's own `npm publish`.
 */
import { execFile } from 'node:child_process';
import { ConnectgenError } from '../diagnostics/errors.js';

export interface NpmOutput {
  readonly stdout: string;
  readonly stderr: string;
}

export function runNpm(args: readonly string[], cwd: string): Promise<NpmOutput> {
  return new Promise((resolve, reject) => {
    execFile('npm', [...args], { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, npm_config_update_notifier: 'false' } }, (error, stdout, stderr) => {
      if (error) {
        const failure = new ConnectgenError('CG_NPM_FAILED', `npm ${args[0]} failed: ${lastLines(stderr || stdout || error.message)}`, {
          hint: 'see npm’s message above; for auth problems check the registry token in .npmrc',
          cause: error,
        });
        reject(Object.assign(failure, { stdout, stderr }));
        return;
      }
      resolve({ stdout, stderr });
    });
  });
}

function lastLines(text: string): string {
  const lines = text.trim().split('\n').filter((line) => !/^npm (notice|warn)/.test(line));
  return lines.slice(-4).join(' | ');
}
