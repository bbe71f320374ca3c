/**
 * format_date: parse a date in one format (ISO 8601 by default) and write it in another, in a
 * time zone. Luxon does the calendar work: IANA zones with their DST rules, and Unicode-style
 * tokens (`yyyy-MM-dd HH:mm`) for both reading and writing.
 *
 * Options: `from` (a token pattern, or iso | rfc2822 | http | sql | epoch | epoch_ms; default iso),
 * `format` / `to` (a token pattern, or iso | date | epoch | epoch_ms; default iso), `zone` (where
 * to write, default UTC), `fromZone` (how to read a time that carries no offset, default UTC),
 * `locale` (month and day names, default en-US).
 */
import type { DateTime, Zone } from 'luxon';
import { luxon } from '../lazy.js';
import { TransformFailure } from '../errors.js';
import { OptionError, describeValue, stringOption, type Transform } from './transform.js';

/**
 * The shape nearly every API sends (RFC 3339 with an offset): Date.parse reads it exactly and
 * several times faster than a general ISO 8601 parser. Anything else goes to luxon.
 */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

/** Date.parse rolls 2026-02-30 over into March; luxon refuses it, and so must the fast path. */
function dayExists(text: string): boolean {
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(5, 7));
  const day = Number(text.slice(8, 10));
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

type Luxon = ReturnType<typeof luxon>;

const READERS: Record<string, (L: Luxon, text: string, zone: Zone) => DateTime> = {
  iso: (L, text, zone) => (RFC3339.test(text) && dayExists(text) ? L.DateTime.fromMillis(Date.parse(text), { zone }) : L.DateTime.fromISO(text, { zone, setZone: false })),
  rfc2822: (L, text, zone) => L.DateTime.fromRFC2822(text, { zone }),
  http: (L, text, zone) => L.DateTime.fromHTTP(text, { zone }),
  sql: (L, text, zone) => L.DateTime.fromSQL(text, { zone }),
};

const WRITERS: Record<string, (date: DateTime) => string | number> = {
  iso: (date) => date.toISO({ suppressMilliseconds: true }) ?? '',
  date: (date) => date.toISODate() ?? '',
  epoch: (date) => Math.floor(date.toSeconds()),
  epoch_ms: (date) => date.toMillis(),
};

/** The zone object is made once: luxon resolving a zone name on every value costs more than the parse. */
function zoneOption(L: Luxon, options: Readonly<Record<string, unknown>>, name: string): Zone {
  const zone = stringOption(options, name, 'UTC')!;
  if (zone.toUpperCase() === 'UTC') return L.FixedOffsetZone.utcInstance;
  if (!L.IANAZone.isValidZone(zone)) {
    throw new OptionError(name, `unknown time zone ${JSON.stringify(zone)}`, 'use an IANA zone name such as Europe/Berlin or America/New_York, or UTC');
  }
  return L.IANAZone.create(zone);
}

export const formatDate: Transform = {
  options: ['from', 'format', 'to', 'zone', 'fromZone', 'locale'],
  prepare(options) {
    const L = luxon();
    const { DateTime, FixedOffsetZone } = L;
    const from = stringOption(options, 'from', 'iso')!;
    const to = stringOption(options, 'format') ?? stringOption(options, 'to', 'iso')!;
    const zone = zoneOption(L, options, 'zone');
    const fromZone = zoneOption(L, options, 'fromZone');
    const locale = stringOption(options, 'locale', 'en-US')!;
    if (!from || !to) throw new OptionError(from ? 'format' : 'from', 'a date format cannot be empty');
    const readAs = READERS[from];
    const reader = readAs ? (text: string, z: Zone) => readAs(L, text, z) : (text: string, z: Zone) => DateTime.fromFormat(text, from, { zone: z, locale });
    const writer = WRITERS[to] ?? ((date: DateTime) => date.setLocale(locale).toFormat(to));
    return (value) => {
      let date: DateTime;
      if (value instanceof Date) date = DateTime.fromJSDate(value);
      else if (typeof value === 'number' || (from.startsWith('epoch') && typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim()))) {
        const n = Number(value);
        date = DateTime.fromMillis(from === 'epoch' ? n * 1000 : n, { zone: FixedOffsetZone.utcInstance });
      } else if (typeof value === 'string') date = reader(value.trim(), fromZone);
      else throw new TransformFailure(`format_date expects a date string, got ${describeValue(value)}`);
      if (!date.isValid) {
        throw new TransformFailure(`${JSON.stringify(value)} is not a date in format ${from}${date.invalidExplanation ? ` (${date.invalidExplanation})` : ''}`);
      }
      return writer(date.setZone(zone));
    };
  },
};
