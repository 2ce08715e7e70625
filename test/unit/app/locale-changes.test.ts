/**
 * A change of language, as main's own words see it: main-services notices it once (the same
 * check that tells the renderer), and by then main's one translator — the tray's, which the app
 * menu and the crash dialog use too — already speaks the new language.
 */
import { describe, expect, it } from 'vitest';
import type { LocaleInfo } from '../../../contract/channels-app.js';
import { appMenuTemplate } from '../../../main/windows/app-menu.js';
import { appFrame, startTestMainServices } from '../../fixtures/main-services.js';
import { recordingDesktop } from '../../fixtures/desktop-recorder.js';
import { trayToolTip } from '../../../main/tray/tray-menu.js';
import type { PresenceView } from '../../../contract/channels-tray.js';

describe('locale changes in main', () => {
  it('tell locale listeners once per change, after the translator has switched', async () => {
    const { services, events } = startTestMainServices({}, { signedIn: false });
    const menus: (string | undefined)[] = [];
    const heard: LocaleInfo[] = [];
    const menuLabel = () => appMenuTemplate({ platform: 'darwin', isPackaged: true, appName: 'ACS Softphone', t: services.desktop.translator.t })?.[1]?.label;
    services.onLocaleChanged((locale) => {
      heard.push(locale);
      menus.push(menuLabel());
    });
    expect(menuLabel()).toBe('Edit');

    await services.router.dispatch('settings:set', { theme: 'dark' }, appFrame);
    expect(heard).toEqual([]);
    await services.router.dispatch('settings:set', { language: 'es' }, appFrame);
    await services.router.dispatch('settings:set', { theme: 'light' }, appFrame);
    expect(heard).toEqual([{ locale: 'es', systemLocale: 'en' }]);
    expect(menus).toEqual(['Edición']);
    expect(events.sent.filter((e) => e.channel === 'locale:changed').map((e) => e.payload)).toEqual([{ locale: 'es', systemLocale: 'en' }]);

    await services.router.dispatch('settings:set', { language: 'system' }, appFrame);
    expect(menus).toEqual(['Edición', 'Edit']);
  });

  it('redraw the tray once, in the new language (never again in the old one)', async () => {
    const rec = recordingDesktop();
    const { services } = startTestMainServices({ desktop: rec.desktop }, { signedIn: false });
    const before = rec.toolTips.length;
    await services.router.dispatch('settings:set', { language: 'es' }, appFrame);
    const redrawn = rec.toolTips.slice(before);
    expect(redrawn).toHaveLength(1);
    const presence = await services.router.dispatch('presence:get', undefined, appFrame);
    if (!presence.ok) throw new Error('presence:get failed');
    expect(redrawn[0]).toBe(trayToolTip(presence.value as PresenceView, 0, 0, services.desktop.translator.t));
    expect(redrawn[0]).toMatch(/Disponible|Ocupado|Ausente|sin conexión/);
    // Another setting does not redraw it.
    await services.router.dispatch('settings:set', { theme: 'dark' }, appFrame);
    expect(rec.toolTips).toHaveLength(before + 1);
  });
});
