import type { ConflictPolicy } from './policy.js';

/** Edits made in the destination are kept over the source's. */
export const destinationWins: ConflictPolicy = { name: 'destination-wins', decide: () => 'destination' };
