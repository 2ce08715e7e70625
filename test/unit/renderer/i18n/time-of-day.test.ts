/** timeOf: the app's language decides how a time of day reads, not the OS's. */
import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../../../../renderer/i18n/i18n.svelte.js';
import { timeOf } from '../../../../renderer/i18n/time-of-day.js';

afterEach(() => i18n.setLocale('en'));

const fivepast2pm = new Date(2026, 11, 1, 14, 5);

describe('timeOf', () => {
  it('writes hours and minutes the way the app\'s language does, and follows a switch', async () => {
    await i18n.setLocale('en');
    expect(timeOf(fivepast2pm.getTime())).toMatch(/^02:05\sPM$/);
    await i18n.setLocale('es');
    expect(timeOf(fivepast2pm.getTime())).toBe('14:05');
  });

  it('reads an ISO timestamp (as main sends them) like a number of milliseconds', async () => {
    await i18n.setLocale('es');
    expect(timeOf(fivepast2pm.toISOString())).toBe(timeOf(fivepast2pm.getTime()));
  });
});
