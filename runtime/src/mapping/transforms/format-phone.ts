/**
 * format_phone: parse a phone number (with a default country for numbers written nationally) and
 * write it as E.164 (`+14155550123`, the default), international, national or an RFC 3966 URI.
 * libphonenumber-js with its full metadata, so validity is checked per country and number range,
 * not only by length.
 *
 * Options: `country` (ISO 3166-1 alpha-2 default country, e.g. US, DE), `format`.
 */
import type { CountryCode } from 'libphonenumber-js/max';
import { phoneNumbers } from '../lazy.js';
import { TransformFailure } from '../errors.js';
import { OptionError, asText, stringOption, type Transform } from './transform.js';

const FORMATS = { 'E.164': 'E.164', e164: 'E.164', international: 'INTERNATIONAL', national: 'NATIONAL', rfc3966: 'RFC3966', RFC3966: 'RFC3966' } as const;

export const formatPhone: Transform = {
  options: ['country', 'format'],
  prepare(options) {
    const { isSupportedCountry, parsePhoneNumberFromString } = phoneNumbers();
    const country = stringOption(options, 'country')?.toUpperCase();
    if (country !== undefined && !isSupportedCountry(country)) {
      throw new OptionError('country', `unknown country ${JSON.stringify(country)}`, 'use an ISO 3166-1 alpha-2 code such as US, GB, DE or IN');
    }
    const name = stringOption(options, 'format', 'E.164')!;
    const format = FORMATS[name as keyof typeof FORMATS];
    if (!format) throw new OptionError('format', `unknown phone format ${JSON.stringify(name)}`, 'use E.164, international, national or rfc3966');
    return (value) => {
      const text = asText(value, 'format_phone');
      const phone = parsePhoneNumberFromString(text, country as CountryCode | undefined);
      if (!phone || !phone.isValid()) {
        throw new TransformFailure(`${JSON.stringify(text)} is not a valid phone number${country ? ` (default country ${country})` : ''}`);
      }
      return phone.format(format);
    };
  },
};
