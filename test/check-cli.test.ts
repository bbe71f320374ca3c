import { once } from 'node:events';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './helpers/cli.js';
import { generateAndBuild } from './helpers/generated-package.js';

const TOKEN = 'tok-4f9d2c1e-very-secret';

describe('connectgen check', () => {
  let server: Server;
  let baseUrl: string;
  let dir: string;
  let configs: string;
  const seen: string[] = [];

  beforeAll(async () => {
    // The Todo API connector: bearer auth; listTodos is its first GET without required input.
    dir = (await generateAndBuild(path.join(repoRoot, 'specs/formats/openapi-3.0.json'), 'check-todo')).dir;
    server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      if (req.headers.authorization !== `Bearer ${TOKEN}`) return void res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"bad token"}');
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"items":[]}');
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    configs = await mkdtemp(path.join(tmpdir(), 'cg-check-'));
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  const config = async (name: string, content: unknown) => {
    const file = path.join(configs, name);
    await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };

  it('reports ok with valid credentials (exit 0)', async () => {
    const file = await config('good.json', { baseUrl, auth: { token: TOKEN } });
    const result = await runCli(['check', dir, '--config', file, '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, auth: 'ok', action: 'listTodos', status: 200 });
    expect(seen.at(-1)).toMatch(/^GET \/todos/);
  });

  it('reports failed auth (exit 1) without printing the secret', async () => {
    const wrong = 'wrong-token-8c1b7e';
    const file = await config('bad.yaml', `baseUrl: ${baseUrl}\nauth:\n  token: ${wrong}\n`);
    const result = await runCli(['check', dir, '--config', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^FAILED .*listTodos -> HTTP 401 .*auth failed/);
    expect(result.stdout + result.stderr).not.toContain(wrong);
  });

  it('refuses a bad options file or a directory that is not a built connector (exit 2)', async () => {
    const typo = await runCli(['check', dir, '--config', await config('typo.json', { baseURL: baseUrl, auth: { token: TOKEN } })]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/CG_CHECK_CONFIG .*unknown option "baseURL"/);

    const notConnector = await runCli(['check', configs]);
    expect(notConnector.code).toBe(2);
    expect(notConnector.stderr).toContain('CG_CHECK_NOT_A_CONNECTOR');
  });
});
