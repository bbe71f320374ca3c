/**
 * The `dispatcher` option is typed by the runtime's own HttpDispatcher (so connector packages
 * type-check without undici's and Node's declarations). What users already pass must still work:
 * undici's Agent, Pool and MockAgent type-check in a user's strict project (the real compiler) and
 * carry the calls (a real server on 127.0.0.1, or the MockAgent's interceptor); something that is
 * not a dispatcher is a compile error. The package itself compiles with `types: []`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Agent, MockAgent, Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateInto, importConnector, TMP_ROOT } from './helpers/generate.js';
import { startServer, type TestServer } from './helpers/server.js';
import { tsc } from './helpers/tsc.js';

interface Connector {
  getInventory(): Promise<Record<string, number>>;
  close(): Promise<void>;
}
interface PetstoreModule {
  createPetstoreConnector(options: Record<string, unknown>): Connector;
}

const USER_CODE = `import { Agent, MockAgent, Pool } from 'undici';
import { createPetstoreConnector } from '../dispatcher-petstore/dist/index.js';

export const viaAgent = createPetstoreConnector({ dispatcher: new Agent() });
export const viaPool = createPetstoreConnector({ dispatcher: new Pool('http://127.0.0.1:1') });
export const viaMock = createPetstoreConnector({ dispatcher: new MockAgent() });
// @ts-expect-error a plain object is not a dispatcher
export const notOne = createPetstoreConnector({ dispatcher: { close: async () => {} } });
`;

const USER_TSCONFIG = {
  compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2023'], types: ['node'], strict: true, noEmit: true },
  files: ['app.ts'],
};

let dir: string;
let mod: PetstoreModule;
let server: TestServer;

beforeAll(async () => {
  ({ dir } = await generateInto('specs/petstore/connector.yaml', 'dispatcher-petstore'));
  const built = await tsc(dir);
  expect(built.errors).toEqual([]);
  mod = await importConnector<PetstoreModule>(dir);
  server = await startServer(() => ({ status: 200, body: { available: 3 } }));
}, 120_000);

afterAll(async () => {
  await server?.close();
});

describe('the dispatcher option', () => {
  it("type-checks undici's Agent, Pool and MockAgent in a user's strict project, and rejects a non-dispatcher", async () => {
    const user = join(TMP_ROOT, 'dispatcher-user');
    await mkdir(user, { recursive: true });
    await writeFile(join(user, 'app.ts'), USER_CODE);
    await writeFile(join(user, 'tsconfig.json'), JSON.stringify(USER_TSCONFIG));
    const checked = await tsc(user, { noEmit: true });
    expect(checked.errors).toEqual([]);
    // Without the expected error the @ts-expect-error line itself fails: prove the check bites.
    await writeFile(join(user, 'app.ts'), USER_CODE.replace('// @ts-expect-error a plain object is not a dispatcher\n', ''));
    const loose = await tsc(user, { noEmit: true });
    expect(loose.errors.join('\n')).toMatch(/app\.ts\(7,\d+\): error TS2739/);
  }, 120_000);

  it.each([
    ['Agent', () => new Agent()],
    ['Pool', () => new Pool(server.url)],
  ])('sends calls through a user-supplied %s', async (_name, make) => {
    server.reset(() => ({ status: 200, body: { available: 3 } }));
    const dispatcher = make();
    const connector = mod.createPetstoreConnector({ baseUrl: `${server.url}/v1`, auth: { apiKey: 'k' }, dispatcher });
    expect(await connector.getInventory()).toEqual({ available: 3 });
    expect(server.requests.map((request) => request.path)).toEqual(['/v1/store/inventory']);
    // The connector does not own a dispatcher it was given: close() leaves it open for its owner.
    await connector.close();
    expect(dispatcher.closed).toBe(false);
    await dispatcher.close();
  });

  it("answers from a MockAgent's interceptor without reaching any server", async () => {
    server.reset(() => ({ status: 500 }));
    const mock = new MockAgent();
    mock.disableNetConnect();
    mock.get('http://pets.test').intercept({ path: '/v1/store/inventory', method: 'GET' }).reply(200, { sold: 7 }, { headers: { 'content-type': 'application/json' } });
    const connector = mod.createPetstoreConnector({ baseUrl: 'http://pets.test/v1', auth: { apiKey: 'k' }, dispatcher: mock });
    expect(await connector.getInventory()).toEqual({ sold: 7 });
    expect(server.requests).toEqual([]);
    mock.assertNoPendingInterceptors();
    await connector.close();
    await mock.close();
  });
});
