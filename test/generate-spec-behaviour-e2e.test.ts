/**
 * What the spec says, the connector does (specs/features/spec-behaviour/), through a generated
 * connector, the real compiler and real servers on 127.0.0.1: a relative OAuth2 token URL served
 * by a token endpoint we run, options typed by the spec's auth schemes, whole responses, the union
 * of several 2xx bodies, an operation on a server of its own, and a POST search paged by a cursor
 * in its body.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateInto, importConnector } from './helpers/generate.js';
import { startServer, type RecordedRequest, type Reply, type TestServer } from './helpers/server.js';
import { tsc } from './helpers/tsc.js';

interface WholeResponse {
  status: number;
  headers: Record<string, unknown>;
  body: unknown;
}
type Call = ((input?: unknown) => Promise<unknown>) & {
  withResponse(input?: unknown): Promise<WholeResponse>;
  all(input: unknown): AsyncIterable<unknown>;
};
type Connector = Record<string, Call> & { close(): Promise<void> };

const CLIENT = { clientId: 'app', clientSecret: 's3cret' };
const BASIC = `Basic ${Buffer.from('app:s3cret').toString('base64')}`;

/**
 * Compiled with the package: credentials of another scheme's kind must not compile, and
 * `withResponse` must be typed by the action's output.
 */
const TYPING_CHECK = `import { createSpecBehaviourConnector } from "./index.js";

// @ts-expect-error an API key is not a credential of this OAuth2 connector
createSpecBehaviourConnector({ auth: { apiKey: "k" } });
// @ts-expect-error no scheme of that name
createSpecBehaviourConnector({ authScheme: "apiKey" });
createSpecBehaviourConnector({ auth: { clientId: "a", clientSecret: "b", tokenUrl: "/other/token" } });

export async function typed(): Promise<string> {
  const connector = createSpecBehaviourConnector({ auth: { clientId: "a", clientSecret: "b" } });
  const response = await connector.getWidget.withResponse({ id: "w1" });
  const status: number = response.status;
  const created = await connector.createWidget({ body: { id: "w2" } });
  // The union of the 200 and 202 bodies: a widget or a job.
  const id: string = "jobId" in created ? created.jobId : created.id;
  return \`\${status} \${response.body.id} \${id}\`;
}
`;

let api: TestServer;
let uploads: TestServer;
let create: (options: Record<string, unknown>) => Connector;

const API: Record<string, (request: RecordedRequest) => Reply> = {
  'POST /oauth/token': (r) =>
    r.headers.authorization === BASIC && new URLSearchParams(r.body.toString()).get('grant_type') === 'client_credentials'
      ? { body: { access_token: 'tok-1', expires_in: 3600, token_type: 'bearer' } }
      : { status: 401, body: { error: 'invalid_client' } },
  'GET /v1/widgets/w1': () => ({ headers: { etag: '"rev-7"', 'x-ratelimit-remaining': '41' }, body: { id: 'w1', name: 'gear' } }),
  'POST /v1/widgets': () => ({ status: 202, headers: { location: '/v1/jobs/j1' }, body: { jobId: 'j1' } }),
  'POST /v1/widgets/search': (r) => {
    const { query, cursor } = JSON.parse(r.body.toString()) as { query: string; cursor?: string };
    const start = Number(cursor ?? 0);
    const matches = ['w1', 'w2', 'w3', 'w4', 'w5'].map((id) => ({ id, name: query }));
    return { body: { results: matches.slice(start, start + 2), next: start + 2 < matches.length ? String(start + 2) : null } };
  },
};

beforeAll(async () => {
  const { dir, ir } = await generateInto('specs/features/spec-behaviour/connector.yaml', 'e2e-spec-behaviour');
  await writeFile(join(dir, 'src', 'typing-check.ts'), TYPING_CHECK);
  expect((await tsc(dir)).errors).toEqual([]);
  const mod = await importConnector<Record<string, (options: Record<string, unknown>) => Connector>>(dir);
  create = mod[`create${ir.info.pascalName}Connector`]!;
  api = await startServer((r) => {
    const bearerOk = r.path === '/oauth/token' || r.headers.authorization === 'Bearer tok-1';
    const handler = API[`${r.method} ${r.path}`];
    return !bearerOk ? { status: 401, body: { error: 'no token' } } : handler ? handler(r) : { status: 404, body: { error: r.path } };
  });
  uploads = await startServer((r) => ({ body: [`${r.path} ${String(r.headers.authorization)}`] }));
}, 90_000);

afterAll(async () => {
  await Promise.all([api?.close(), uploads?.close()]);
});

const connect = (options: Record<string, unknown> = {}): Connector =>
  create({ baseUrl: `${api.url}/v1`, retry: false, auth: CLIENT, serverVariables: { port: new URL(uploads.url).port }, ...options });

describe('a generated connector does what its spec says', () => {
  it('gets a token from the relative tokenUrl (/oauth/token) on the API host, then calls with it', async () => {
    const connector = connect();
    expect(await connector.getWidget!({ id: 'w1' })).toEqual({ id: 'w1', name: 'gear' });
    expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /oauth/token', 'GET /v1/widgets/w1']);
    await connector.close();
  });

  it('takes a token URL from the options instead', async () => {
    api.reset((r) => (r.path === '/elsewhere/token' ? { body: { access_token: 'tok-1' } } : r.headers.authorization === 'Bearer tok-1' ? API['GET /v1/widgets/w1']!(r) : { status: 401 }));
    const connector = connect({ auth: { ...CLIENT, tokenUrl: `${api.url}/elsewhere/token` } });
    expect(await connector.getWidget!({ id: 'w1' })).toMatchObject({ id: 'w1' });
    expect(api.requests.map((r) => r.path)).toEqual(['/elsewhere/token', '/v1/widgets/w1']);
    await connector.close();
  });

  it('withResponse returns status, headers and body; several 2xx bodies come back as they are', async () => {
    api.reset((r) => (r.path === '/oauth/token' ? API['POST /oauth/token']!(r) : API[`${r.method} ${r.path}`]!(r)));
    const connector = connect();
    const got = await connector.getWidget!.withResponse({ id: 'w1' });
    expect(got.status).toBe(200);
    expect(got.headers).toMatchObject({ etag: '"rev-7"', 'x-ratelimit-remaining': '41' });
    expect(got.body).toEqual({ id: 'w1', name: 'gear' });
    const accepted = await connector.createWidget!.withResponse({ body: { id: 'w2' } });
    expect(accepted).toMatchObject({ status: 202, body: { jobId: 'j1' }, headers: { location: '/v1/jobs/j1' } });
    await connector.close();
  });

  it('pages a POST search by the cursor in its body, as connector.yaml configures', async () => {
    api.reset((r) => (r.path === '/oauth/token' ? API['POST /oauth/token']!(r) : API[`${r.method} ${r.path}`]!(r)));
    const connector = connect();
    const found: unknown[] = [];
    for await (const widget of connector.searchWidgets!.all({ body: { query: 'gear' } })) found.push(widget);
    expect(found).toEqual(['w1', 'w2', 'w3', 'w4', 'w5'].map((id) => ({ id, name: 'gear' })));
    const searches = api.requests.filter((r) => r.path === '/v1/widgets/search');
    expect(searches.map((r) => [r.method, r.url, JSON.parse(r.body.toString())])).toEqual([
      ['POST', '/v1/widgets/search', { query: 'gear' }],
      ['POST', '/v1/widgets/search', { query: 'gear', cursor: '2' }],
      ['POST', '/v1/widgets/search', { query: 'gear', cursor: '4' }],
    ]);
    await connector.close();
  });

  it('calls an operation with path-level servers on its own host, variables filled from serverVariables', async () => {
    const connector = connect();
    expect(await connector.listFiles!()).toEqual(['/upload/files Bearer tok-1']);
    await connector.close();
  });
});
