/**
 * One attempt's request as auth sees it (`AuthRequest`): its own copy of the headers and URL,
 * since auth edits both in place and a retry must start clean. The URL copy is made only when
 * something reads it: a query-parameter key does, a header scheme never does, and parsing a URL
 * per call is a cost worth sparing (see wire-target.ts).
 */
import type { AuthRequest } from '../auth/types.js';
import { copyHeaders, type PreparedRequest } from './prepare.js';
import { targetOf, type WireTarget } from './wire-target.js';

export class AttemptRequest implements AuthRequest {
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly #request: PreparedRequest;
  #url: URL | undefined;

  constructor(request: PreparedRequest) {
    this.#request = request;
    this.method = request.method;
    this.headers = copyHeaders(request.headers);
  }

  /** The URL this attempt goes to, for auth to edit and for errors and hooks to show. */
  get url(): URL {
    return (this.#url ??= new URL(this.#request.url));
  }

  /** Where to send: the prepared target, unless auth edited the URL. */
  get target(): WireTarget {
    return this.#url === undefined ? this.#request.target : targetOf(this.#url);
  }
}
