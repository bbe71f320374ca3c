import type { ConflictPolicy } from './policy.js';

/** The source system is the system of record: its version (or its deletion) always wins. */
export const sourceWins: ConflictPolicy = { name: 'source-wins', decide: () => 'source' };
