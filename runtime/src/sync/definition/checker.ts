/**
 * The checks every part of a sync definition is read with: each problem is added with its JSON
 * pointer and a hint (code `CG_SYNC_DEFINITION`) and reading goes on, so one run of the checker
 * reports them all.
 */
import { parsePath, PathSyntaxError } from '../../path/index.js';
import { parseDuration } from '../cursor.js';
import type { SyncIssue } from '../errors.js';

export type Obj = Record<string, unknown>;

export class Checker {
  readonly issues: SyncIssue[] = [];

  add(pointer: string, message: string, hint?: string): void {
    this.issues.push({ code: 'CG_SYNC_DEFINITION', pointer, message, ...(hint ? { hint } : {}) });
  }

  object(value: unknown, pointer: string, what: string): Obj | undefined {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Obj;
    this.add(pointer, `${what} must be an object`);
    return undefined;
  }

  keys(obj: Obj, pointer: string, allowed: readonly string[]): void {
    for (const key of Object.keys(obj)) {
      if (!allowed.includes(key)) this.add(`${pointer}/${escape(key)}`, `unknown key "${key}"`, `known keys here: ${allowed.join(', ')}`);
    }
  }

  string(obj: Obj, key: string, pointer: string, required: boolean, hint?: string): string | undefined {
    const value = obj[key];
    if (value === undefined && !required) return undefined;
    if (typeof value === 'string' && value !== '') return value;
    this.add(`${pointer}/${key}`, value === undefined ? `"${key}" is required` : `"${key}" must be a non-empty string`, hint);
    return undefined;
  }

  path(obj: Obj, key: string, pointer: string, required: boolean, hint: string): void {
    const text = this.string(obj, key, pointer, required, hint);
    if (text === undefined) return;
    try {
      parsePath(text);
    } catch (error) {
      if (!(error instanceof PathSyntaxError)) throw error;
      this.add(`${pointer}/${key}`, error.message, error.hint);
    }
  }

  oneOf(obj: Obj, key: string, pointer: string, values: readonly string[], required: boolean): void {
    const value = obj[key];
    if (value === undefined && !required) return;
    if (typeof value !== 'string' || !values.includes(value)) {
      this.add(`${pointer}/${key}`, `"${key}" must be one of ${values.join(', ')}`, value === undefined ? undefined : `got ${JSON.stringify(value)}`);
    }
  }

  integer(obj: Obj, key: string, pointer: string, min: number, max: number): void {
    const value = obj[key];
    if (value === undefined) return;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.add(`${pointer}/${key}`, `"${key}" must be a whole number from ${min} to ${max}`);
    }
  }

  duration(obj: Obj, key: string, pointer: string): void {
    const value = obj[key];
    if (value === undefined) return;
    if ((typeof value !== 'string' && typeof value !== 'number') || parseDuration(value) === undefined) {
      this.add(`${pointer}/${key}`, `"${key}" must be a duration`, 'write a number of ms or 500ms, 90s, 5m, 2h, 1d');
    }
  }
}

export function escape(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
