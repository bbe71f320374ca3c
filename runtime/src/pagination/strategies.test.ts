import { describe, expect, it } from 'vitest';
import type { PageState } from '../client-api.js';
import { findLink } from './link-header.js';
import { extractItems, iteratePages } from './paginate.js';
import { strategyFor } from './registry.js';
import type { PageContext, PageRequest } from './strategy.js';

const ctx = (url: string, body: unknown = {}, headers: Record<string, string> = {}, items: unknown[] = [1]): PageContext => ({
  url: new URL(url),
  body,
  headers,
  items,
});

describe('findLink (RFC 8288)', () => {
  it.each<[string, string, string | undefined]>([
    ['<https://a/x?page=2>; rel="next", <https://a/x?page=9>; rel="last"', 'next', 'https://a/x?page=2'],
    ['<https://a/x?page=9>; rel="last", <https://a/x?page=2>; rel=next', 'next', 'https://a/x?page=2'],
    ['<https://a/x?page=2>; rel="next prefetch"', 'next', 'https://a/x?page=2'],
    ['<https://a/x?a=1,2>; title="x, y"; rel="NEXT"', 'next', 'https://a/x?a=1,2'],
    ['<https://a/x?page=1>; rel="prev"', 'next', undefined],
    ['<https://a/x?page=5>; rel="forward"', 'forward', 'https://a/x?page=5'],
  ])('%s', (header, rel, expected) => {
    expect(findLink(header, rel)).toBe(expected);
  });
});

describe('strategies', () => {
  it('offset advances by the items actually returned', () => {
    const s = strategyFor({ type: 'offset', offsetParam: 'offset' })!;
    expect(s.request(undefined)).toEqual({ kind: 'query', query: {} });
    expect(s.next(ctx('http://h/x?offset=40&limit=50', {}, {}, [1, 2, 3]))).toEqual({ type: 'offset', value: 43 });
    expect(s.request({ type: 'offset', value: 43 })).toEqual({ kind: 'query', query: { offset: '43' } });
  });

  it('offset counts from firstOffset when the first request sent no index (SCIM startIndex is 1-based)', () => {
    const scim = strategyFor({ type: 'offset', offsetParam: 'startIndex', firstOffset: 1 })!;
    expect(scim.next(ctx('http://h/Users?count=2', {}, {}, [1, 2]))).toEqual({ type: 'offset', value: 3 });
    expect(scim.next(ctx('http://h/Users?startIndex=3&count=2', {}, {}, [3, 4]))).toEqual({ type: 'offset', value: 5 });
    const zero = strategyFor({ type: 'offset', offsetParam: 'offset' })!;
    expect(zero.next(ctx('http://h/x?limit=2', {}, {}, [1, 2]))).toEqual({ type: 'offset', value: 2 });
  });

  it('page starts at firstPage', () => {
    expect(strategyFor({ type: 'page', pageParam: 'p' })!.next(ctx('http://h/x'))).toEqual({ type: 'page', value: 2 });
    expect(strategyFor({ type: 'page', pageParam: 'p', firstPage: 0 })!.next(ctx('http://h/x'))).toEqual({ type: 'page', value: 1 });
    expect(strategyFor({ type: 'page', pageParam: 'p' })!.next(ctx('http://h/x?p=7'))).toEqual({ type: 'page', value: 8 });
  });

  it('cursor ends on a missing or empty cursor', () => {
    const s = strategyFor({ type: 'cursor', cursorParam: 'after', nextCursorPath: '$.meta.next' })!;
    expect(s.next(ctx('http://h/x', { meta: { next: 'abc' } }))).toEqual({ type: 'cursor', value: 'abc' });
    expect(s.next(ctx('http://h/x', { meta: { next: '' } }))).toBeUndefined();
    expect(s.next(ctx('http://h/x', { meta: { next: null } }))).toBeUndefined();
    expect(s.next(ctx('http://h/x', {}))).toBeUndefined();
  });

  it('link resolves relative URLs, from the header or a body path', () => {
    const header = strategyFor({ type: 'link' })!;
    expect(header.next(ctx('http://h/api/x?page=1', {}, { link: '</api/x?page=2>; rel="next"' }))).toEqual({ type: 'link', value: 'http://h/api/x?page=2' });
    const body = strategyFor({ type: 'link', nextUrlPath: 'links.next' })!;
    expect(body.next(ctx('http://h/x', { links: { next: 'https://other/y' } }))).toEqual({ type: 'link', value: 'https://other/y' });
    expect(body.request({ type: 'link', value: 'https://other/y' })).toEqual({ kind: 'url', url: 'https://other/y' });
  });

  it('none has no strategy', () => {
    expect(strategyFor({ type: 'none' })).toBeUndefined();
    expect(strategyFor(undefined)).toBeUndefined();
  });
});

describe('extractItems', () => {
  it('reads the body or the resultsKey', () => {
    expect(extractItems([1, 2], undefined)).toEqual([1, 2]);
    expect(extractItems({ data: { items: [3] } }, 'data.items')).toEqual([3]);
    expect(extractItems({ other: 1 }, 'data')).toEqual([]);
  });

  it('throws a coded error when the shape is wrong', () => {
    expect(() => extractItems({ data: 'x' }, 'data')).toThrow(expect.objectContaining({ code: 'CG_PAGINATION' }));
    expect(() => extractItems({ data: [] }, undefined)).toThrow(expect.objectContaining({ code: 'CG_PAGINATION' }));
  });
});

describe('iteratePages', () => {
  /** A fake fetcher over cursor pages; here I/O is out of scope, the loop's stopping rules are in. */
  const cursorPages = (next: (n: number) => string | undefined, total = Infinity) => {
    const requests: PageRequest[] = [];
    return {
      requests,
      fetch: async (request: PageRequest) => {
        requests.push(request);
        const n = requests.length;
        return { url: new URL('http://h/x'), status: 200, headers: {}, body: { items: n <= total ? [n] : [], next: next(n) } };
      },
    };
  };
  const config = { type: 'cursor', cursorParam: 'c', nextCursorPath: 'next', resultsKey: 'items' } as const;

  const collect = async <T>(it: AsyncIterable<T>): Promise<T[]> => {
    const out: T[] = [];
    for await (const x of it) out.push(x);
    return out;
  };

  it('stops on a repeated cursor', async () => {
    const f = cursorPages((n) => (n < 3 ? `c${n}` : 'c1'));
    const pages = await collect(iteratePages({ strategy: strategyFor(config)!, config, fetch: f.fetch }));
    expect(pages.map((p) => p.items)).toEqual([[1], [2], [3]]);
    expect(pages.at(-1)?.next).toBeUndefined();
  });

  it('stops on an empty page even when a cursor is given', async () => {
    const f = cursorPages((n) => `c${n}`, 2);
    const pages = await collect(iteratePages({ strategy: strategyFor(config)!, config, fetch: f.fetch }));
    expect(pages.length).toBe(3);
    expect(pages[2]?.items).toEqual([]);
  });

  it('stops at maxPages but keeps next for resuming', async () => {
    const f = cursorPages((n) => `c${n}`);
    const pages = await collect(iteratePages({ strategy: strategyFor(config)!, config, fetch: f.fetch, maxPages: 2 }));
    expect(pages.length).toBe(2);
    expect(pages[1]?.next).toEqual({ type: 'cursor', value: 'c2' });
  });

  it('refuses a resume state of another strategy', async () => {
    const f = cursorPages(() => undefined);
    const resumeFrom: PageState = { type: 'offset', value: 3 };
    await expect(collect(iteratePages({ strategy: strategyFor(config)!, config, fetch: f.fetch, resumeFrom }))).rejects.toMatchObject({ code: 'CG_CONFIG' });
  });
});
