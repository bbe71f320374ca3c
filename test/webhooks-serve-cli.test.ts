import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { signWebhook } from '@connectgen/runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './helpers/cli.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill('SIGTERM');
  child = undefined;
});

/** Starts `webhooks serve` on a free port and resolves with its URL and a view of its output. */
async function serve(args: string[]): Promise<{ url: string; stdout: () => string; stderr: () => string }> {
  const proc = spawn(process.execPath, [path.join(repoRoot, 'generator/bin/run.js'), 'webhooks', 'serve', ...args, '--secret-env', 'CG_TEST_SECRET', '--port', '0'], {
    cwd: repoRoot,
    env: { ...process.env, CG_TEST_SECRET: SECRET, NO_COLOR: '1' },
  });
  child = proc;
  let stdout = '';
  let stderr = '';
  proc.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  const url = await new Promise<string>((resolve, reject) => {
    proc.stderr.setEncoding('utf8').on('data', (c: string) => {
      stderr += c;
      const match = /listening on (http:\/\/\S+)/.exec(stderr);
      if (match) resolve(match[1]!);
    });
    proc.on('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
  return { url, stdout: () => stdout, stderr: () => stderr };
}

async function deliver(url: string, body: string, secret = SECRET): Promise<number> {
  const response = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...signWebhook({ secret, body }) } });
  return response.status;
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setImmediate(r));
  while (!check()) await new Promise((r) => setTimeout(r, 10));
}

describe('connectgen webhooks serve', () => {
  it('verifies deliveries, prints the declared events as JSON Lines, flags undeclared ones and refuses forgeries', async () => {
    const server = await serve(['specs/webhooks/openapi.yaml']);
    expect(server.stderr()).toContain('events: invoice.failed, invoice.paid, subscription.verified');
    const paid = JSON.stringify({ type: 'invoice.paid', timestamp: '2026-11-30T08:00:00Z', data: { id: 'in_1', amount: 4200 } });
    expect(await deliver(server.url, paid)).toBe(204);
    expect(await deliver(server.url, JSON.stringify({ type: 'refund.created', data: {} }))).toBe(202);
    expect(await deliver(server.url, paid, 'whsec_dGhlIG9sZCBrZXkgYmVmb3JlIHJvdGF0aW9u')).toBe(401);
    await until(() => server.stdout().includes('\n') && server.stderr().includes('401'));
    const events = server.stdout().trim().split('\n').map((l) => JSON.parse(l));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'invoice.paid', payload: { data: { amount: 4200 } } });
    expect(server.stderr()).toMatch(/202 CG_WEBHOOK_UNHANDLED .*refund\.created/);
    expect(server.stderr()).toMatch(/401 CG_WEBHOOK_SIGNATURE/);
  });

  it('refuses to start without the secret, with a coded error', async () => {
    const result = await runCli(['webhooks', 'serve', '--secret-env', 'CG_SURELY_UNSET_VARIABLE']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('CG_WEBHOOK_NO_SECRET');
  });
});
