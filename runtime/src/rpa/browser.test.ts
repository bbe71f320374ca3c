import { describe, expect, it } from 'vitest';
import { DEFAULT_CHROMIUM_PATH, resolveChromiumPath } from './browser.js';

describe('finding Chromium', () => {
  it('an explicit path wins, then CHROMIUM_PATH, then the Debian default', () => {
    const missing = '/nonexistent/chromium';
    expect(() => resolveChromiumPath(missing, { CHROMIUM_PATH: process.execPath })).toThrow(/\/nonexistent\/chromium \(the chromiumPath option\)/);
    expect(resolveChromiumPath(undefined, { CHROMIUM_PATH: process.execPath })).toBe(process.execPath);
    expect(() => resolveChromiumPath(undefined, { CHROMIUM_PATH: missing })).toThrow(/CHROMIUM_PATH/);
    expect(DEFAULT_CHROMIUM_PATH).toBe('/usr/bin/chromium');
  });

  it('a missing browser is CG_RPA_NO_CHROMIUM with a hint naming the Debian package', () => {
    expect(() => resolveChromiumPath('/nonexistent/chromium', {})).toThrow(
      expect.objectContaining({ code: 'CG_RPA_NO_CHROMIUM', hint: expect.stringContaining('apt-get install chromium') }),
    );
  });
});
