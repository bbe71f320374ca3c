import { destinationWins } from './destination-wins.js';
import { manual } from './manual.js';
import { newestWins } from './newest-wins.js';
import type { ConflictPolicy } from './policy.js';
import { sourceWins } from './source-wins.js';

export const CONFLICT_POLICIES: Readonly<Record<string, ConflictPolicy>> = {
  'source-wins': sourceWins,
  'destination-wins': destinationWins,
  'newest-wins': newestWins,
  manual,
};
