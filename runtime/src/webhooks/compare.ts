/**
 * Constant-time string comparison. `timingSafeEqual` needs equal lengths, so both sides are
 * hashed first: the comparison then takes the same time whatever the inputs, and the length of
 * the expected value does not show either.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export function safeEqual(a: string | Uint8Array, b: string | Uint8Array): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}
