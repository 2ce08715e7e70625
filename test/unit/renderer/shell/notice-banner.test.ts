/** The settings-recovery notice names settings by their translated labels, never by internal keys. */
import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import NoticeBanner from '../../../../renderer/shell/NoticeBanner.svelte';
import { i18n } from '../../../../renderer/i18n/i18n.svelte.js';
import { settingsSchema } from '../../../../contract/settings.js';
import { resources } from '../../../../locales/index.js';

const dismiss = () => {};

describe('NoticeBanner', () => {
  it('lists reset settings by their labels in English', async () => {
    await i18n.setLocale('en');
    render(NoticeBanner, { notice: { reason: 'invalid-values', resetKeys: ['tokenServiceUrl', 'callerId'], backupPath: '/u/settings.invalid-1.json' }, ondismiss: dismiss });
    const text = screen.getByRole('alert').textContent!;
    expect(text).toContain('were reset (Token service URL and Caller ID)');
    expect(text).toContain('/u/settings.invalid-1.json');
    expect(text).not.toMatch(/tokenServiceUrl|callerId/);
  });

  it('lists them in Spanish', async () => {
    await i18n.setLocale('es');
    render(NoticeBanner, { notice: { reason: 'invalid-values', resetKeys: ['language', 'theme', 'awayAfterMinutes'], backupPath: '/u/b.json' }, ondismiss: dismiss });
    expect(screen.getByRole('alert')).toHaveTextContent('se restablecieron (Idioma, Tema y Ausente tras inactividad)');
    await i18n.setLocale('en');
  });

  it('shows a key it has no label for as it is', async () => {
    await i18n.setLocale('en');
    render(NoticeBanner, { notice: { reason: 'invalid-values', resetKeys: ['futureKey'], backupPath: '/u/b.json' }, ondismiss: dismiss });
    expect(screen.getByRole('alert')).toHaveTextContent('were reset (futureKey)');
  });

  it('explains a file changed outside the app', async () => {
    await i18n.setLocale('en');
    render(NoticeBanner, { notice: { reason: 'changed-outside', resetKeys: [], backupPath: '/u/settings.changed-1.json' }, ondismiss: dismiss });
    expect(screen.getByRole('alert')).toHaveTextContent(/changed outside the app.*current settings were kept.*settings\.changed-1\.json/);
  });

  it('has a label for every setting in both languages', () => {
    for (const locale of ['en', 'es'] as const) {
      expect(Object.keys(resources[locale].shell.settingLabels).sort()).toEqual(Object.keys(settingsSchema.shape).sort());
    }
  });
});
