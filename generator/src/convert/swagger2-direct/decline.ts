/**
 * The direct converter's way out: anything it does not reproduce exactly (a construct
 * swagger2openapi patches, warns about or rewrites in a way we did not mirror) stops it, and
 * swagger2openapi converts the document instead. The reason is kept for the sweep's counts.
 */
export class Declined extends Error {
  constructor(readonly reason: string) {
    super(`direct Swagger 2.0 conversion declined: ${reason}`);
  }
}

export function decline(reason: string): never {
  throw new Declined(reason);
}

/** A JSON object of the document being converted (our own copy: the converter edits it in place). */
export type Node = { [key: string]: any; [key: symbol]: unknown };

export const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);
