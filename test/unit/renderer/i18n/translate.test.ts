/** t(): labels are kept per language, so a switch of language must still switch every text. */
import { afterEach, describe, expect, it } from 'vitest';
import { i18n, t } from '../../../../renderer/i18n/i18n.svelte.js';
import { resources } from '../../../../locales/index.js';

afterEach(() => i18n.setLocale('en'));

describe('t', () => {
  it('gives the new language for a label it already gave in the old one', async () => {
    await i18n.setLocale('en');
    expect(t('shell:nav.settings')).toBe(resources.en.shell.nav.settings);
    expect(t('shell:nav.settings')).toBe(resources.en.shell.nav.settings);
    await i18n.setLocale('es');
    expect(t('shell:nav.settings')).toBe(resources.es.shell.nav.settings);
    expect(resources.es.shell.nav.settings).not.toBe(resources.en.shell.nav.settings);
  });

  it('fills parameters every time rather than repeating an earlier text', async () => {
    await i18n.setLocale('en');
    const first = t('shell:status.connection', { state: 'A' });
    const second = t('shell:status.connection', { state: 'B' });
    expect(first).toContain('A');
    expect(second).toContain('B');
  });
});
