import type { ConflictPolicy } from './policy.js';

/** Neither side is written: the conflict is kept for a person (`connectgen sync conflicts`). */
export const manual: ConflictPolicy = { name: 'manual', decide: () => 'manual' };
