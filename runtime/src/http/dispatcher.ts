/**
 * The `dispatcher` option (connector, token requests, webhook delivery): undici's Dispatcher, that
 * is an Agent, Pool, Client, ProxyAgent, MockAgent or anything built on one.
 *
 * The public type names the three methods the runtime calls instead of importing undici's, because
 * every connector package type-checks against these declarations: importing `undici` there pulls in
 * undici's and Node's type declarations (over a hundred files), the larger part of a small package's
 * check time. undici's classes satisfy it as they are; `toUndici` (transport.ts) is the one place it
 * becomes undici's type again, for the calls into undici.
 */

export interface HttpDispatcher {
  dispatch(options: object, handler: object): boolean;
  request(options: object): PromiseLike<unknown>;
  close(): Promise<void>;
}
