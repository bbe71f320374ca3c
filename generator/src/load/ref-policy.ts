/**
 * What a spec's `$ref`s may read. A spec is untrusted input, and whatever a `$ref` names is embedded
 * in a package that gets published, so by default:
 * - a local `$ref` stays inside the spec's own directory tree (symlinks resolved), never `/etc/passwd`;
 * - a remote `$ref` is fetched only over http(s), and only from the origin of a spec given by URL
 *   unless `--allow-remote-refs`;
 * - a remote `$ref` never reaches a loopback, private or link-local address (checked on the addresses
 *   DNS returns, for every redirect), unless `--allow-private-refs`.
 * The spec the user names on the command line is the user's choice and is not restricted here.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Agent, Dispatcher } from 'undici';
import { ConnectgenError } from '../diagnostics/errors.js';
import { isPublicAddress } from './address.js';
import { isUrl } from './read-source.js';

export interface RefPolicyOptions {
  /** Fetch remote `$ref`s on origins other than the spec's own (default: refused). */
  readonly allowRemoteRefs?: boolean;
  /** Let remote `$ref`s reach loopback, private and link-local addresses (servers you run yourself). */
  readonly allowPrivateRefs?: boolean;
}

export interface RefPolicy {
  /** The spec's directory with symlinks resolved; local `$ref`s must stay under it. */
  readonly root: string | undefined;
  /** Origin of a spec given by URL: its `$ref`s may fetch from there without `--allow-remote-refs`. */
  readonly origin: string | undefined;
  readonly allowRemote: boolean;
  readonly allowPrivate: boolean;
}

const REMOTE_HINT = 'pass --allow-remote-refs if you trust the URLs this spec references, or download them next to the spec';

export function createRefPolicy(specUri: string, options: RefPolicyOptions = {}): RefPolicy {
  const remote = isUrl(specUri);
  return {
    root: remote ? undefined : realPath(dirname(specUri)),
    origin: remote ? new URL(specUri).origin : undefined,
    allowRemote: options.allowRemoteRefs === true,
    allowPrivate: options.allowPrivateRefs === true,
  };
}

/**
 * Why the target of a `$ref` (an absolute path or URL) may not be read, or undefined when it may.
 * The address check for a host name happens when connecting (`guardedDispatcher`); this decides
 * everything that needs no DNS.
 */
export function refRefusal(policy: RefPolicy, target: string): ConnectgenError | undefined {
  if (/^file:/i.test(target)) return refRefusal(policy, fileURLToPath(target));
  if (isUrl(target)) {
    const url = new URL(target);
    const sameOrigin = url.origin === policy.origin;
    if (!sameOrigin && !policy.allowRemote) {
      return new ConnectgenError('CG_REF_REMOTE', `$ref fetches ${url.href}; remote $refs are off by default`, { hint: REMOTE_HINT });
    }
    if (!mayReachPrivate(policy, url) && isIpLiteral(url.hostname) && !isPublicAddress(bare(url.hostname))) return privateAddress(url, bare(url.hostname));
    return undefined;
  }
  if (/^[a-z][a-z0-9+.-]+:/i.test(target) && !isAbsolute(target)) {
    return new ConnectgenError('CG_REF_SCHEME', `$ref uses the ${target.split(':')[0]}: scheme; only relative paths and http(s) URLs are read`, {
      hint: 'use a path relative to the spec, or an http(s) URL',
    });
  }
  if (policy.root === undefined) {
    return new ConnectgenError('CG_REF_OUTSIDE_TREE', `$ref reads the local file ${target} from a spec given by URL`, {
      hint: 'a spec fetched from a URL may only reference URLs; download the spec and its files together instead',
    });
  }
  const real = realPath(target);
  const inside = relative(policy.root, real);
  if (inside === '' || inside.startsWith('..' + sep) || inside === '..' || isAbsolute(inside)) {
    return new ConnectgenError('CG_REF_OUTSIDE_TREE', `$ref reads ${real}, outside the spec's directory ${policy.root}`, {
      hint: "move the referenced file under the spec's directory, or inline what it defines",
    });
  }
  return undefined;
}

/**
 * A dispatcher for fetching `url` under the policy: its DNS lookup refuses non-public addresses, so
 * the address checked is the address connected to (no second lookup to rebind). Undefined when the
 * policy lets this URL reach any address.
 */
export function guardedDispatcher(policy: RefPolicy, url: URL): Dispatcher | undefined {
  if (mayReachPrivate(policy, url)) return undefined;
  // Required on first use (undici is CommonJS, so this stays synchronous): only remote refs need it.
  const { Agent: GuardedAgent } = createRequire(import.meta.url)('undici') as typeof import('undici');
  return (guarded ??= new GuardedAgent({ connect: { lookup: publicOnlyLookup } }));
}
let guarded: Agent | undefined;

/**
 * A URL the user typed with a loopback or private IP (`http://127.0.0.1:8080/spec.yaml`) names their
 * own server, and there is no DNS answer to rebind: its same-origin `$ref`s may go there too.
 */
function mayReachPrivate(policy: RefPolicy, url: URL): boolean {
  if (policy.allowPrivate) return true;
  return url.origin === policy.origin && (isIpLiteral(url.hostname) || url.hostname === 'localhost');
}

function publicOnlyLookup(
  hostname: string,
  options: LookupOptions,
  callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const refused = addresses.find((a) => !isPublicAddress(a.address));
    if (refused) return callback(privateAddress(new URL(`http://${hostname}/`), refused.address) as unknown as NodeJS.ErrnoException, []);
    if (options.all) return callback(null, addresses);
    const first = addresses[0]!;
    callback(null, first.address, first.family);
  });
}

/**
 * The DNS half of `refRefusal`, for callers that check a URL without fetching it (lint without the
 * OAS rules). A fetch does not rely on this: its dispatcher checks the address it connects to.
 */
export async function refAddressRefusal(policy: RefPolicy, target: string): Promise<ConnectgenError | undefined> {
  if (!isUrl(target)) return undefined;
  const url = new URL(target);
  if (mayReachPrivate(policy, url) || isIpLiteral(url.hostname)) return undefined;
  const addresses = await dnsLookupAll(url.hostname).catch(() => []);
  const refused = addresses.find((a) => !isPublicAddress(a.address));
  return refused ? privateAddress(url, refused.address) : undefined;
}

const dnsLookupAll = (hostname: string): Promise<LookupAddress[]> =>
  new Promise((resolve, reject) => dnsLookup(hostname, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));

function privateAddress(url: URL, address: string): ConnectgenError {
  return new ConnectgenError('CG_REF_PRIVATE_ADDRESS', `$ref URL host ${url.hostname} is ${address}, a loopback, private or link-local address`, {
    hint: 'a spec may not make connectgen call into your network; pass --allow-private-refs only for a server you run yourself',
  });
}

const isIpLiteral = (hostname: string): boolean => /^\[.*\]$/.test(hostname) || /^\d+\.\d+\.\d+\.\d+$/.test(hostname);
const bare = (hostname: string): string => hostname.replace(/^\[|\]$/g, '');

/** The path with symlinks resolved; for a missing file, its nearest existing ancestor's real path. */
function realPath(file: string): string {
  try {
    return realpathSync.native(file);
  } catch {
    const parent = dirname(file);
    if (parent === file) return file;
    return realPath(parent) + sep + file.slice(parent.length).replace(/^[/\\]+/, '');
  }
}
