/**
 * What `connectgen diff` reports: every change to a connector's public surface between two IRs,
 * each classed by what it does to a caller, and the semver bump the whole set calls for.
 */

/**
 * `breaking`: code that calls the old connector may stop compiling or working (major).
 * `additive`: callers can do something new; nothing they do today changes (minor).
 * `patch`: visible, but neither (a new default server URL, a narrower response type).
 */
export type Impact = 'breaking' | 'additive' | 'patch';

export type Bump = 'major' | 'minor' | 'patch' | 'none';

/** Where in a request or response a type change sits: decides whether narrowing or widening breaks. */
export type Direction = 'input' | 'output';

export interface Change {
  /** Stable kebab-case id of the kind of change, e.g. `parameter-made-required`. */
  readonly code: string;
  readonly impact: Impact;
  /** `impact === 'breaking'`, for readers that only want the yes/no. */
  readonly breaking: boolean;
  /** What changed, for a person: "action `getPet`: parameter `petId` retyped (string -> integer)". */
  readonly message: string;
  /** Why it is (not) breaking for a caller. */
  readonly reason: string;
  /** The action it concerns (its new name; the old one when removed). */
  readonly action?: string;
  /** The named type it concerns (`src/types.ts`), when the change is inside one. */
  readonly schema?: string;
  /** JSON pointer in the old spec (absent for something added). */
  readonly oldPointer?: string;
  /** JSON pointer in the new spec (absent for something removed). */
  readonly newPointer?: string;
  /** Whether the generated TypeScript API changes with it (checked against the real types on regenerate). */
  readonly typed: boolean;
}

export interface DiffResult {
  readonly changes: readonly Change[];
  readonly bump: Bump;
  readonly counts: Readonly<Record<Impact, number>>;
}
