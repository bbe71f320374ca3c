/**
 * A spec is untrusted input: its $refs may not read outside its own directory, nor make connectgen
 * call into the user's machine or network. Each case runs the real CLI (lint, convert, generate)
 * against real files and a real node:http server on 127.0.0.1.
 */
import { once } from 'node:events';
import { mkdir, mkdtemp, readdir, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

const SECRET = 'type: object\ndescription: TOP-SECRET-CONTENT\n';
const spec = (ref: string): string =>
  [
    'openapi: 3.0.3',
    'info: {title: Refs, version: "1", description: refs}',
    'servers: [{url: "https://api.example.test"}]',
    'paths:',
    '  /things:',
    '    get:',
    '      operationId: listThings',
    '      responses:',
    '        "200":',
    '          description: ok',
    '          content:',
    '            application/json:',
    '              schema:',
    `                $ref: '${ref}'`,
    '',
  ].join('\n');
const POINTER = '/paths/~1things/get/responses/200/content/application~1json/schema';

let server: Server;
let base: string;
const requests: string[] = [];
let root: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url === '/redirect-to-localhost') res.writeHead(302, { location: `http://localhost:${(server.address() as AddressInfo).port}/schema.yaml` }).end();
    else if (req.url === '/spec.yaml') res.writeHead(200).end(spec('./redirect-to-localhost'));
    else res.writeHead(200, { 'content-type': 'application/yaml' }).end(SECRET);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  root = await mkdtemp(path.join(tmpdir(), 'cg-refs-'));
  await mkdir(path.join(root, 'api'));
  await writeFile(path.join(root, 'secret.yaml'), SECRET);
  await writeFile(path.join(root, 'api', 'outside.yaml'), spec('../secret.yaml'));
  await symlink(path.join(root, 'secret.yaml'), path.join(root, 'api', 'link.yaml'));
  await writeFile(path.join(root, 'api', 'symlinked.yaml'), spec('./link.yaml'));
  await writeFile(path.join(root, 'api', 'loopback.yaml'), spec(`${base}/schema.yaml`));
  await writeFile(path.join(root, 'api', 'by-name.yaml'), spec(`http://localhost:${(server.address() as AddressInfo).port}/schema.yaml`));
  await writeFile(path.join(root, 'api', 'absolute.yaml'), spec(path.join(root, 'secret.yaml')));
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

async function runAll(file: string, flags: string[] = []) {
  const out = path.join(root, `out-${path.basename(file)}-${flags.length}`);
  const [lint, convert, generate] = await Promise.all([
    runCli(['lint', file, '--format', 'json', '--no-oas', ...flags]),
    runCli(['convert', file, '--json', ...flags]),
    runCli(['generate', file, '--out', out, '--json', ...flags]),
  ]);
  const written = await readdir(out).catch(() => []);
  return { lint, convert, generate, written };
}

/** The one finding with `code` in a command's JSON output. */
function finding(stdout: string, code: string): { pointer: string; severity: string } | undefined {
  const parsed = JSON.parse(stdout) as { diagnostics?: { code: string; pointer: string; severity: string }[] } | { code: string; pointer: string; severity: string }[];
  const list = Array.isArray(parsed) ? parsed : (parsed.diagnostics ?? []);
  return list.find((d) => d.code === code);
}

async function expectRefused(file: string, code: string, flags: string[] = []): Promise<void> {
  const { lint, convert, generate, written } = await runAll(file, flags);
  expect(lint.code, lint.stderr).toBe(1);
  expect(finding(lint.stdout, code)).toMatchObject({ pointer: POINTER, severity: 'error' });
  expect(convert.code, convert.stderr).toBe(1);
  expect(finding(convert.stdout, code)).toMatchObject({ pointer: POINTER, severity: 'error' });
  expect(generate.code, generate.stderr).toBe(1);
  expect(finding(generate.stdout, code)).toMatchObject({ pointer: POINTER, severity: 'error' });
  expect(written).toEqual([]);
  for (const run of [lint, convert, generate]) expect(run.stdout + run.stderr).not.toContain('TOP-SECRET-CONTENT');
}

// Each case starts the CLI three to six times; on a loaded machine that is slow, not wrong.
describe('$ref policy (lint, convert, generate)', { timeout: 180_000 }, () => {
  it('refuses a local $ref to a file outside the spec directory', () => expectRefused(path.join(root, 'api', 'outside.yaml'), 'CG_REF_OUTSIDE_TREE'));

  it('refuses an absolute path, and a symlink inside the tree that leads outside', async () => {
    await expectRefused(path.join(root, 'api', 'absolute.yaml'), 'CG_REF_OUTSIDE_TREE');
    await expectRefused(path.join(root, 'api', 'symlinked.yaml'), 'CG_REF_OUTSIDE_TREE');
  });

  it('refuses a remote $ref by default, without fetching it', async () => {
    requests.length = 0;
    await expectRefused(path.join(root, 'api', 'loopback.yaml'), 'CG_REF_REMOTE');
    expect(requests).toEqual([]);
  });

  it('refuses a loopback address even with --allow-remote-refs, by IP and by host name after DNS', async () => {
    requests.length = 0;
    await expectRefused(path.join(root, 'api', 'loopback.yaml'), 'CG_REF_PRIVATE_ADDRESS', ['--allow-remote-refs']);
    await expectRefused(path.join(root, 'api', 'by-name.yaml'), 'CG_REF_PRIVATE_ADDRESS', ['--allow-remote-refs']);
    expect(requests).toEqual([]);
  });

  it('fetches a loopback $ref only when told it is the user’s own server (--allow-private-refs)', async () => {
    const { convert } = await runAll(path.join(root, 'api', 'loopback.yaml'), ['--allow-remote-refs', '--allow-private-refs']);
    expect(convert.code, convert.stderr).toBe(0);
    expect(JSON.parse(convert.stdout).diagnostics).toEqual([]);
  });

  it('lets a spec given by a loopback URL use same-origin $refs, but checks where a redirect leads', async () => {
    // The spec's own origin (127.0.0.1, typed by the user) is allowed; its ref redirects to
    // localhost, another origin: refused as remote, and with --allow-remote-refs, as loopback.
    const convert = await runCli(['convert', `${base}/spec.yaml`, '--json']);
    expect(convert.code).toBe(1);
    expect(finding(convert.stdout, 'CG_REF_REMOTE')).toMatchObject({ pointer: POINTER });
    const allowed = await runCli(['convert', `${base}/spec.yaml`, '--json', '--allow-remote-refs']);
    expect(finding(allowed.stdout, 'CG_REF_PRIVATE_ADDRESS')).toMatchObject({ pointer: POINTER });
  });
});
