/** The Petstore list API the sync CLI tests read from, on 127.0.0.1: an API key, offset pagination. */
import { json, startServer, type TestServer } from '../../runtime/src/testing/server.js';

export interface Pet {
  readonly id: number;
  readonly name: string;
  readonly status: string;
}

export function petsOf(count: number): Pet[] {
  return Array.from({ length: count }, (_, i) => ({ id: i + 1, name: `pet ${i + 1}`, status: 'available' }));
}

/** Answers `GET /pets?offset=&limit=` from `pets` when the request carries `key` in x-api-key. */
export function startPetsApi(key: string, pets: readonly Pet[]): Promise<TestServer> {
  return startServer((req, res) => {
    if (req.headers['x-api-key'] !== key) return json(res, 401, { error: 'bad key' });
    const url = new URL(req.url ?? '/', 'http://x');
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const limit = Number(url.searchParams.get('limit') ?? 20);
    json(res, 200, { items: pets.slice(offset, offset + limit), total: pets.length });
  });
}
