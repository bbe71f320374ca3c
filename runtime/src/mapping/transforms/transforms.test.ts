import { describe, expect, it } from 'vitest';
import { TransformFailure } from '../errors.js';
import { BUILTIN_TRANSFORMS } from './registry.js';

type Row = [name: string, options: Record<string, unknown>, input: unknown, expected: unknown];
const FAILS = Symbol('fails');

function apply(name: string, options: Record<string, unknown>, input: unknown, record: unknown = {}): unknown {
  const fn = BUILTIN_TRANSFORMS.get(name)!.prepare(options);
  try {
    return fn(input, { record });
  } catch (error) {
    if (error instanceof TransformFailure) return FAILS;
    throw error;
  }
}

const rows: Row[] = [
  ['lowercase', {}, 'ÄBC Straße', 'äbc straße'],
  ['lowercase', {}, '', ''],
  ['lowercase', {}, 42, '42'],
  ['lowercase', {}, { a: 1 }, FAILS],
  ['uppercase', {}, 'straße ß', 'STRASSE SS'],
  ['uppercase', {}, 'ünïcödé 🙂', 'ÜNÏCÖDÉ 🙂'],
  ['uppercase', {}, ['a'], FAILS],
  ['trim', {}, '\u00a0 padded\t\n', 'padded'],
  ['trim', {}, '   ', ''],
  ['trim', {}, true, 'true'],

  ['concat', { separator: ' ' }, ['Ada', 'Lovelace'], 'Ada Lovelace'],
  ['concat', { separator: ' ' }, ['Ada', null, '', undefined, 'L'], 'Ada L'],
  ['concat', { separator: '-' }, [], ''],
  ['concat', {}, ['a', 1, true], 'a1true'],
  ['concat', { separator: ', ' }, 'single', 'single'],
  ['concat', {}, [{ nested: 1 }], FAILS],

  ['split', {}, 'a,b,,c', ['a', 'b', '', 'c']],
  ['split', { separator: ' ', index: 0 }, 'Ada King Lovelace', 'Ada'],
  ['split', { separator: ' ', index: -1 }, 'Ada King Lovelace', 'Lovelace'],
  ['split', { separator: ' ', index: 5 }, 'Ada', undefined],
  ['split', { separator: ';', trim: true }, ' x ; y ', ['x', 'y']],
  ['split', { separator: '·' }, 'α·β', ['α', 'β']],
  ['split', {}, null as unknown as string, FAILS],

  ['lookup', { table: { active: 'ACTIVE', inactive: 'DISABLED' } }, 'active', 'ACTIVE'],
  ['lookup', { table: { active: 'ACTIVE' } }, 'Active', FAILS],
  ['lookup', { table: { active: 'ACTIVE' }, caseInsensitive: true }, 'AcTiVe', 'ACTIVE'],
  ['lookup', { table: { active: 'ACTIVE' }, default: 'UNKNOWN' }, 'gone', 'UNKNOWN'],
  ['lookup', { table: { active: 'ACTIVE' }, default: null }, 'gone', null],
  ['lookup', { table: { '1': true, '0': false } }, 1, true],
  ['lookup', { table: { münchen: 'MUC' }, caseInsensitive: true }, 'MÜNCHEN', 'MUC'],

  ['default', { value: 'n/a' }, undefined, 'n/a'],
  ['default', { value: 'n/a' }, null, 'n/a'],
  ['default', { value: 'n/a' }, '', 'n/a'],
  ['default', { value: 0 }, 0, 0],
  ['default', { value: 'n/a' }, 'kept', 'kept'],

  ['number', {}, '42', 42],
  ['number', {}, ' -3.5e2 ', -350],
  ['number', {}, '1,234,567.89', 1234567.89],
  ['number', { decimalSeparator: ',' }, '1.234,5', 1234.5],
  ['number', { decimalSeparator: ',' }, '1\u202f234,5', 1234.5],
  ['number', {}, 7, 7],
  ['number', {}, '', FAILS],
  ['number', {}, '12abc', FAILS],
  ['number', {}, 'NaN', FAILS],
  ['number', {}, 'Infinity', FAILS],
  ['number', { integer: true }, '4.2', FAILS],
  ['number', { integer: true }, '4', 4],

  ['boolean', {}, 'Yes', true],
  ['boolean', {}, ' off ', false],
  ['boolean', {}, 1, true],
  ['boolean', {}, 0, false],
  ['boolean', {}, false, false],
  ['boolean', {}, '', false],
  ['boolean', {}, 'maybe', FAILS],
  ['boolean', {}, 2, FAILS],
  ['boolean', { true: ['ja', 'oui'], false: ['nein'] }, 'JA', true],
  ['boolean', { true: ['ja'], false: ['nein'] }, 'Nein', false],

  ['template', { template: '{{first}} {{last}}' }, undefined, 'Ada Lovelace'],
  ['template', { template: 'Hi {{ first }}, you have {{count}} ({{.}})' }, 'v', 'Hi Ada, you have  (v)'],
  ['template', { template: "{{$['odd.key']}}/{{tags[-1]}}" }, undefined, 'x/z'],
  ['template', { template: 'no placeholders' }, undefined, 'no placeholders'],
];

describe('transformations', () => {
  const record = { first: 'Ada', last: 'Lovelace', 'odd.key': 'x', tags: ['y', 'z'] };
  it.each(rows)('%s %j: %j -> %j', (name, options, input, expected) => {
    expect(apply(name, options, input, record)).toEqual(expected);
  });

  it.each([
    ['lookup', {}],
    ['lookup', { table: ['a'] }],
    ['split', { separator: '' }],
    ['split', { index: 1.5 }],
    ['template', {}],
    ['template', { template: '{{a..b}}' }],
    ['default', {}],
    ['number', { decimalSeparator: ';' }],
    ['boolean', { true: 'yes' }],
    ['format_date', { zone: 'Mars/Olympus' }],
    ['format_date', { format: '' }],
    ['format_phone', { country: 'XX' }],
    ['format_phone', { format: 'pretty' }],
  ])('%s refuses options %j at load', (name, options) => {
    expect(() => BUILTIN_TRANSFORMS.get(name)!.prepare(options)).toThrow();
  });
});

describe('format_date', () => {
  const rows: Row[] = [
    ['format_date', {}, '2026-11-30T08:00:00Z', '2026-11-30T08:00:00Z'],
    ['format_date', { format: 'date' }, '2026-11-30T23:30:00-05:00', '2026-12-01'],
    ['format_date', { format: 'dd.MM.yyyy HH:mm', zone: 'Europe/Berlin' }, '2026-07-01T10:00:00Z', '01.07.2026 12:00'],
    ['format_date', { format: 'dd.MM.yyyy HH:mm', zone: 'Europe/Berlin' }, '2026-01-01T10:00:00Z', '01.01.2026 11:00'],
    // Across the spring-forward gap in New York (2026-03-08, 02:00 -> 03:00 local).
    ['format_date', { format: "yyyy-MM-dd'T'HH:mmZZ", zone: 'America/New_York' }, '2026-03-08T06:59:00Z', '2026-03-08T01:59-05:00'],
    ['format_date', { format: "yyyy-MM-dd'T'HH:mmZZ", zone: 'America/New_York' }, '2026-03-08T07:00:00Z', '2026-03-08T03:00-04:00'],
    // Autumn: 01:30 happens twice in New York on 2026-11-01; the offset tells them apart.
    ['format_date', { format: 'HH:mm ZZ', zone: 'America/New_York' }, '2026-11-01T05:30:00Z', '01:30 -04:00'],
    ['format_date', { format: 'HH:mm ZZ', zone: 'America/New_York' }, '2026-11-01T06:30:00Z', '01:30 -05:00'],
    // A local time with no offset is read in fromZone.
    ['format_date', { from: 'dd/MM/yyyy HH:mm', fromZone: 'Asia/Kolkata' }, '30/11/2026 13:30', '2026-11-30T08:00:00Z'],
    ['format_date', { from: 'MM/dd/yyyy', format: 'date' }, '02/30/2026', FAILS],
    ['format_date', {}, '2026-02-30T10:00:00Z', FAILS],
    ['format_date', { format: 'date' }, '2028-02-29T10:00:00+01:00', '2028-02-29'],
    ['format_date', {}, '2026-06-30T10:00:00.5+05:30', '2026-06-30T04:30:00.500Z'],
    ['format_date', { from: 'epoch', format: 'iso' }, 1796083200, '2026-12-01T00:00:00Z'],
    ['format_date', { from: 'epoch', format: 'iso' }, '1796083200', '2026-12-01T00:00:00Z'],
    ['format_date', { format: 'epoch_ms' }, '2026-12-01T00:00:00.123Z', 1796083200123],
    ['format_date', { from: 'rfc2822', format: 'date' }, 'Mon, 30 Nov 2026 08:00:00 +0000', '2026-11-30'],
    ['format_date', { from: 'http', format: 'iso' }, 'Mon, 30 Nov 2026 08:00:00 GMT', '2026-11-30T08:00:00Z'],
    ['format_date', { format: 'd MMMM yyyy', locale: 'de-DE' }, '2026-03-05', '5 März 2026'],
    ['format_date', {}, 'not a date', FAILS],
    ['format_date', {}, '', FAILS],
    ['format_date', {}, { y: 2026 }, FAILS],
  ];
  it.each(rows)('%s %j: %j -> %j', (name, options, input, expected) => {
    expect(apply(name, options, input)).toEqual(expected);
  });
  it('takes a Date object', () => {
    expect(apply('format_date', { format: 'date', zone: 'Pacific/Auckland' }, new Date(Date.UTC(2026, 10, 30, 12)))).toBe('2026-12-01');
  });
});

describe('format_phone', () => {
  const rows: Row[] = [
    ['format_phone', { country: 'US' }, '(415) 555-2671', '+14155552671'],
    ['format_phone', { country: 'US', format: 'national' }, '+1 415 555 2671', '(415) 555-2671'],
    ['format_phone', { country: 'GB', format: 'international' }, '020 7946 0958', '+44 20 7946 0958'],
    ['format_phone', { country: 'DE' }, '030 12345678', '+493012345678'],
    ['format_phone', { country: 'FR', format: 'national' }, '+33 6 12 34 56 78', '06 12 34 56 78'],
    ['format_phone', { country: 'IN', format: 'international' }, '98765 43210', '+91 98765 43210'],
    ['format_phone', { country: 'JP', format: 'rfc3966' }, '03-1234-5678', 'tel:+81312345678'],
    // An international number wins over the default country.
    ['format_phone', { country: 'US' }, '+49 30 12345678', '+493012345678'],
    ['format_phone', {}, '+61 2 9876 5432', '+61298765432'],
    ['format_phone', {}, '02 9876 5432', FAILS],
    ['format_phone', { country: 'US' }, '555-0000', FAILS],
    ['format_phone', { country: 'US' }, '+1 999 555 2671', FAILS],
    ['format_phone', { country: 'DE' }, 'call me', FAILS],
    ['format_phone', { country: 'DE' }, '', FAILS],
  ];
  it.each(rows)('%s %j: %j -> %j', (name, options, input, expected) => {
    expect(apply(name, options, input)).toEqual(expected);
  });
});
