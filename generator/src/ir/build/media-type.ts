/**
 * Media Type Object keys -> what the runtime can send and read.
 * OpenAPI 3.0 §4.7.14 / 3.1 §4.8.14: a `content` map offers alternatives; a connector sends and
 * accepts one, so we pick deterministically: JSON first, then forms, then text, then anything else.
 */
import type { BodyEncoding, ResponseKind } from '@connectgen/runtime';
import { compareStrings } from '../infer/names.js';

function essence(mediaType: string): string {
  return (mediaType.split(';')[0] ?? '').trim().toLowerCase();
}

export function isJsonMedia(mediaType: string): boolean {
  const type = essence(mediaType);
  return type === 'application/json' || type.endsWith('+json') || type === 'text/json' || type === '*/*' || type === 'application/*';
}

function rank(mediaType: string): number {
  const type = essence(mediaType);
  if (type === 'application/json') return 0;
  if (isJsonMedia(type) && type.includes('json')) return 1;
  if (type === 'application/x-www-form-urlencoded') return 2;
  if (type.startsWith('multipart/')) return 3;
  if (type === 'text/plain') return 4;
  if (type.startsWith('text/')) return 5;
  if (type === '*/*' || type === 'application/*') return 6;
  return 7;
}

/** The preferred media type of a `content` map, or undefined when it is empty. */
export function chooseMediaType(mediaTypes: readonly string[]): string | undefined {
  return [...mediaTypes].sort((a, b) => rank(a) - rank(b) || compareStrings(a, b))[0];
}

export function bodyEncoding(mediaType: string): BodyEncoding {
  const type = essence(mediaType);
  if (type === 'application/x-www-form-urlencoded') return 'form';
  if (type.startsWith('multipart/')) return 'multipart';
  if (isJsonMedia(type)) return 'json';
  if (type.startsWith('text/') || type === 'application/xml' || type.endsWith('+xml')) return 'text';
  return 'binary';
}

export function responseKind(mediaType: string | undefined): ResponseKind {
  if (mediaType === undefined) return 'empty';
  const type = essence(mediaType);
  if (isJsonMedia(type)) return 'json';
  if (type.startsWith('text/') || type === 'application/xml' || type.endsWith('+xml')) return 'text';
  return 'binary';
}
