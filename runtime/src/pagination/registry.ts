/** Pagination strategies by `type`: a map, so adding one is one file and one line. */
import type { PaginationConfig } from '../definition.js';
import { cursorStrategy } from './cursor.js';
import { linkStrategy } from './link.js';
import { offsetStrategy } from './offset.js';
import { pageStrategy } from './page.js';
import type { PaginationStrategy } from './strategy.js';

type Paged = Exclude<PaginationConfig, { type: 'none' }>;

const STRATEGIES: { [K in Paged['type']]: (config: Extract<Paged, { type: K }>) => PaginationStrategy } = {
  offset: offsetStrategy,
  page: pageStrategy,
  link: linkStrategy,
  cursor: cursorStrategy,
};

export function strategyFor(config: PaginationConfig | undefined): PaginationStrategy | undefined {
  if (config === undefined || config.type === 'none') return undefined;
  const make = STRATEGIES[config.type] as (c: Paged) => PaginationStrategy;
  return make(config);
}
