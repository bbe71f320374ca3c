/**
 * A strict multi-tenant OAuth2 provider and the API behind it, on one 127.0.0.1 server, for the
 * many-connections test. Access tokens expire `lifetimeMs` after they are issued (on `now`, which a
 * test may inject); every refresh rotates the refresh token, and a refresh token presented a second
 * time is refused and recorded. The API (`GET /tenants/:tenant/items`) checks that the token
 * belongs to the tenant whose data is asked for, and records any request carrying another tenant's
 * token. Each tenant's API answers an expired token its own way (401, 403, or 200 with an error in
 * the body), so the connections' expiry signals are exercised too.
 *
 * `hold()` makes the token endpoint answer 503 (a brief outage) until `release()`: a test that
 * SIGKILLs a client does so only when no rotated refresh token is on its way to the store, the one
 * window no client can close against a provider that forgets a rotated token at once.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OperationSpec } from '../definition.js';

/** The API's one operation, as a connector describes it: offset-paged items of the tenant in the base URL. */
export const tenantItemsOperation: OperationSpec = {
  id: 'listItems',
  method: 'GET',
  path: '/items',
  parameters: [],
  response: 'json',
  pagination: { type: 'offset', offsetParam: 'offset', pageSizeParam: 'limit', resultsKey: 'items', defaultPageSize: 5 },
};

export type ExpiryStyle = '401' | '403' | 'body';

export interface TenantTokens {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly expiresAt: number;
}

/** One successful refresh: which generation of the tenant's tokens it replaced, and how old that was. */
export interface Refresh {
  readonly tenant: string;
  readonly generation: number;
  readonly ageMs: number;
}

export interface TenantTokenServer {
  readonly origin: string;
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Issues a tenant's first tokens (generation 1), as the end of an authorization flow would. */
  mint(tenant: string, style: ExpiryStyle): TenantTokens;
  /** The refresh token the server issued last for the tenant. */
  latestRefreshToken(tenant: string): string | undefined;
  readonly refreshes: Refresh[];
  /** Refresh tokens presented again after their rotation, or never issued. */
  readonly refused: { tenant: string | undefined; generation: number | undefined }[];
  /** API requests whose token belonged to another tenant. */
  readonly crossTenant: { token: string; asked: string }[];
  /** API requests with a token past its expiry, per expiry style. */
  readonly expiredUses: Record<ExpiryStyle, number>;
  readonly apiRequests: { count: number };
  hold(): void;
  release(): void;
  close(): Promise<void>;
}

interface Issued {
  readonly tenant: string;
  readonly generation: number;
  readonly issuedAt: number;
}

export async function startTenantTokenServer(options: { lifetimeMs: number; itemsPerTenant: number; now?: () => number }): Promise<TenantTokenServer> {
  const now = options.now ?? Date.now;
  const clientId = 'tenant-client';
  const clientSecret = `secret-${randomBytes(8).toString('hex')}`;
  const access = new Map<string, Issued>();
  const refresh = new Map<string, Issued & { used: boolean }>();
  const latest = new Map<string, string>();
  const styles = new Map<string, ExpiryStyle>();
  const refreshes: Refresh[] = [];
  const refused: TenantTokenServer['refused'] = [];
  const crossTenant: TenantTokenServer['crossTenant'] = [];
  const expiredUses: Record<ExpiryStyle, number> = { '401': 0, '403': 0, body: 0 };
  const apiRequests = { count: 0 };
  let held = false;

  const issue = (tenant: string, generation: number): TenantTokens => {
    const issuedAt = now();
    const accessToken = `at-${tenant}-${generation}-${randomBytes(6).toString('hex')}`;
    const refreshToken = `rt-${tenant}-${generation}-${randomBytes(6).toString('hex')}`;
    access.set(accessToken, { tenant, generation, issuedAt });
    refresh.set(refreshToken, { tenant, generation, issuedAt, used: false });
    latest.set(tenant, refreshToken);
    return { accessToken, refreshToken, expiresAt: issuedAt + options.lifetimeMs };
  };

  async function token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const params = new URLSearchParams(await readBody(req));
    // Everything after the hold check runs in one tick: a rotation is answered before a hold begins.
    if (held) return send(res, 503, { error: 'temporarily_unavailable' });
    const basic = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString('utf8');
    if (basic !== `${clientId}:${clientSecret}`) return send(res, 401, { error: 'invalid_client' });
    if (params.get('grant_type') !== 'refresh_token') return send(res, 400, { error: 'unsupported_grant_type' });
    const presented = refresh.get(params.get('refresh_token') ?? '');
    if (!presented || presented.used) {
      refused.push({ tenant: presented?.tenant, generation: presented?.generation });
      return send(res, 400, { error: 'invalid_grant', error_description: 'refresh token already used or unknown' });
    }
    presented.used = true;
    refreshes.push({ tenant: presented.tenant, generation: presented.generation, ageMs: now() - presented.issuedAt });
    const next = issue(presented.tenant, presented.generation + 1);
    send(res, 200, { access_token: next.accessToken, refresh_token: next.refreshToken, expires_in: options.lifetimeMs / 1000, token_type: 'Bearer' });
  }

  function api(req: IncomingMessage, res: ServerResponse, url: URL): void {
    apiRequests.count++;
    const asked = decodeURIComponent(url.pathname.split('/')[2] ?? '');
    const presented = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    const known = access.get(presented);
    if (!known) return send(res, 401, { error: 'invalid_token' });
    if (known.tenant !== asked) {
      crossTenant.push({ token: presented, asked });
      return send(res, 404, { error: 'not_found' });
    }
    if (now() >= known.issuedAt + options.lifetimeMs) {
      const style = styles.get(asked) ?? '401';
      expiredUses[style]++;
      if (style === '401') return send(res, 401, { error: 'invalid_token' });
      if (style === '403') return send(res, 403, { error: 'forbidden' });
      return send(res, 200, { error: { code: 'token_expired' } });
    }
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const limit = Number(url.searchParams.get('limit') ?? 10);
    // Each item says which token generation read it, so a client can tell how often it was refreshed.
    const all = Array.from({ length: options.itemsPerTenant }, (_, i) => ({ id: `${asked}-${i}`, tenant: asked, generation: known.generation }));
    send(res, 200, { items: all.slice(offset, offset + limit) });
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const done = url.pathname === '/token' ? token(req, res) : url.pathname.startsWith('/tenants/') ? api(req, res, url) : send(res, 404, {});
    void Promise.resolve(done).catch((error: unknown) => send(res, 500, { error: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    tokenUrl: `${origin}/token`,
    clientId,
    clientSecret,
    mint(tenant, style) {
      styles.set(tenant, style);
      return issue(tenant, 1);
    },
    latestRefreshToken: (tenant) => latest.get(tenant),
    refreshes,
    refused,
    crossTenant,
    expiredUses,
    apiRequests,
    hold: () => void (held = true),
    release: () => void (held = false),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function send(res: ServerResponse, status: number, body: object): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
