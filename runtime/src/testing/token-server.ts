/**
 * A real OAuth2 authorization server for tests, on 127.0.0.1 and an ephemeral port. It checks what a
 * strict provider checks (client authentication, redirect URI, PKCE S256, refresh token validity and
 * rotation) and records every token request, so tests count requests on the server side.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';

export interface TokenServerOptions {
  readonly clientId?: string;
  readonly clientSecret?: string;
  /** Lifetime of access tokens in seconds; `undefined` in the response when null. Default 3600. */
  readonly expiresIn?: number | null;
  /** Issue a new refresh token on every refresh and revoke the old one. Default true. */
  readonly rotateRefreshTokens?: boolean;
  /** Delay before each token response, so concurrent callers really overlap. */
  readonly delayMs?: number;
}

export interface RecordedTokenRequest {
  readonly method: string;
  readonly contentType: string | undefined;
  readonly clientAuth: 'basic' | 'body' | 'none';
  readonly params: Readonly<Record<string, string>>;
}

export interface CannedResponse {
  readonly status: number;
  readonly body: string | object;
  readonly contentType?: string;
}

export interface TokenServer {
  readonly origin: string;
  readonly tokenUrl: string;
  readonly authorizationUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly requests: RecordedTokenRequest[];
  /** Answer the next token requests with these responses, in order, instead of the real logic. */
  queue(...responses: CannedResponse[]): void;
  /** Every access and refresh token issued so far, for secret scans. */
  issued(): string[];
  isValidAccessToken(token: string): boolean;
  close(): Promise<void>;
}

interface PendingCode {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly challenge: string | undefined;
  readonly challengeMethod: string | undefined;
}

export async function startTokenServer(options: TokenServerOptions = {}): Promise<TokenServer> {
  const clientId = options.clientId ?? 'client-abc';
  const clientSecret = options.clientSecret ?? `secret-${randomBytes(8).toString('hex')}`;
  const expiresIn = options.expiresIn === undefined ? 3600 : options.expiresIn;
  const rotate = options.rotateRefreshTokens ?? true;
  const requests: RecordedTokenRequest[] = [];
  const canned: CannedResponse[] = [];
  const codes = new Map<string, PendingCode>();
  const accessTokens = new Set<string>();
  const refreshTokens = new Set<string>();
  const issued: string[] = [];

  const token = (prefix: string): string => {
    const value = `${prefix}-${randomBytes(12).toString('hex')}`;
    issued.push(value);
    return value;
  };
  const tokenSet = (withRefresh: boolean, keepRefresh?: string): Record<string, unknown> => {
    const access = token('at');
    accessTokens.add(access);
    const body: Record<string, unknown> = { access_token: access, token_type: 'Bearer' };
    if (expiresIn !== null) body.expires_in = expiresIn;
    if (withRefresh) {
      const refresh = keepRefresh ?? token('rt');
      refreshTokens.add(refresh);
      if (keepRefresh === undefined) body.refresh_token = refresh;
    }
    return body;
  };

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => send(res, 500, { error: 'server_error', error_description: String(error) }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/authorize') return authorize(url, res);
    if (url.pathname !== '/token') return send(res, 404, { error: 'not_found' });

    const raw = await readBody(req);
    const contentType = req.headers['content-type'];
    const params: Record<string, string> =
      req.method === 'GET'
        ? Object.fromEntries(url.searchParams)
        : contentType?.includes('application/json')
          ? (JSON.parse(raw) as Record<string, string>)
          : Object.fromEntries(new URLSearchParams(raw));
    const basic = parseBasic(req.headers.authorization);
    const clientAuth = basic ? 'basic' : params.client_secret !== undefined ? 'body' : 'none';
    requests.push({ method: req.method ?? '', contentType, clientAuth, params });
    if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));

    const next = canned.shift();
    if (next) return send(res, next.status, next.body, next.contentType);

    const presentedId = basic?.id ?? params.client_id;
    const presentedSecret = basic?.secret ?? params.client_secret;
    if (presentedId !== clientId) return send(res, 401, { error: 'invalid_client' });
    if (presentedSecret !== undefined && presentedSecret !== clientSecret) return send(res, 401, { error: 'invalid_client' });

    switch (params.grant_type) {
      case 'client_credentials':
        if (presentedSecret === undefined) return send(res, 401, { error: 'invalid_client' });
        return send(res, 200, { ...tokenSet(false), scope: params.scope });
      case 'authorization_code': {
        const code = codes.get(params.code ?? '');
        codes.delete(params.code ?? '');
        if (!code || code.redirectUri !== params.redirect_uri) return send(res, 400, { error: 'invalid_grant' });
        if (code.challenge !== undefined) {
          const verifier = params.code_verifier ?? '';
          const computed = createHash('sha256').update(verifier).digest('base64url');
          if (code.challengeMethod !== 'S256' || computed !== code.challenge) {
            return send(res, 400, { error: 'invalid_grant', error_description: 'PKCE verification failed' });
          }
        }
        return send(res, 200, tokenSet(true));
      }
      case 'refresh_token': {
        const presented = params.refresh_token ?? '';
        if (!refreshTokens.has(presented)) return send(res, 400, { error: 'invalid_grant', error_description: 'refresh token revoked or unknown' });
        if (rotate) refreshTokens.delete(presented);
        return send(res, 200, tokenSet(true, rotate ? undefined : presented));
      }
      default:
        return send(res, 400, { error: 'unsupported_grant_type' });
    }
  }

  /** The user's consent, skipped: redirect straight back with a code bound to the PKCE challenge. */
  function authorize(url: URL, res: ServerResponse): void {
    const q = url.searchParams;
    if (q.get('response_type') !== 'code' || q.get('client_id') !== clientId) return send(res, 400, { error: 'invalid_request' });
    const code = token('code');
    const redirectUri = q.get('redirect_uri') ?? '';
    codes.set(code, {
      clientId,
      redirectUri,
      challenge: q.get('code_challenge') ?? undefined,
      challengeMethod: q.get('code_challenge_method') ?? undefined,
    });
    const location = new URL(redirectUri);
    location.searchParams.set('code', code);
    location.searchParams.set('state', q.get('state') ?? '');
    res.writeHead(302, { location: location.toString() }).end();
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    tokenUrl: `${origin}/token`,
    authorizationUrl: `${origin}/authorize`,
    clientId,
    clientSecret,
    requests,
    queue: (...responses) => canned.push(...responses),
    issued: () => [...issued],
    isValidAccessToken: (value) => accessTokens.has(value),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function send(res: ServerResponse, status: number, body: string | object, contentType?: string): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': contentType ?? 'application/json' }).end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** RFC 6749 2.3.1: both halves are form-encoded inside the Basic credentials. */
function parseBasic(header: string | undefined): { id: string; secret: string } | undefined {
  if (!header?.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const formDecode = (s: string): string => decodeURIComponent(s.replace(/\+/g, ' '));
  return { id: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
}

/** Every way an error can be turned into text by a logger or a reporter. */
export function serializeError(error: unknown): string {
  const e = error as Error & { cause?: unknown };
  return [
    String(e),
    e.message,
    e.stack ?? '',
    JSON.stringify(e),
    inspect(e, { depth: 10, showHidden: true }),
    e.cause === undefined ? '' : inspect(e.cause, { depth: 10, showHidden: true }),
  ].join('\n');
}
