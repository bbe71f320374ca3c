/** PKCE (RFC 7636) with the S256 method, and the random `state` of the authorization request. */
import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, base64url: 43 characters, the RFC's recommended verifier. */
export function createCodeVerifier(): string {
  return randomBytes(32).toString('base64url');
}

export function codeChallengeS256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

export function createState(): string {
  return randomBytes(16).toString('base64url');
}
