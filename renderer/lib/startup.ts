/**
 * What the shell needs before it can show: the language, the app's info, the settings and the
 * sign-in state. Each part fails on its own: the language falls back to the browser's, the
 * start-up notices are skipped, and only what the shell cannot do without (info, settings,
 * sign-in state) makes the start fail — and then the caller offers Retry.
 */
import type { AppInfo, LocaleInfo } from '../../contract/channels-app.js';
import type { SoftphoneApi } from '../../contract/index.js';
import type { SettingsRecoveryNotice } from '../../contract/settings.js';
import { systemLocaleFrom } from '../../contract/locale.js';
import { call } from './bridge.js';

export interface Loadable {
  load(): Promise<void>;
}

export interface StartupResult {
  /** Always known: main's answer, or the browser's languages when main could not say. */
  locale: LocaleInfo;
  /** Null when an essential part failed; Retry runs `loadStartup` again. */
  ready: { info: AppInfo; recovery: SettingsRecoveryNotice | null } | null;
}

/** The browser's preferred languages as a LocaleInfo, for when main cannot be asked. */
export function browserLocale(languages: readonly string[] = navigator.languages ?? [navigator.language]): LocaleInfo {
  const locale = systemLocaleFrom(languages);
  return { locale, systemLocale: locale };
}

export async function loadStartup(
  api: Pick<SoftphoneApi, 'locale' | 'app'>,
  parts: { settings: Loadable; auth: Loadable | null },
): Promise<StartupResult> {
  const [locale, info, notices, settings, auth] = await Promise.allSettled([
    call(api.locale.get()),
    call(api.app.getInfo()),
    call(api.app.getStartupNotices()),
    parts.settings.load(),
    parts.auth?.load(),
  ]);
  const essentialFailed = [info, settings, auth].some((part) => part.status === 'rejected');
  return {
    locale: locale.status === 'fulfilled' ? locale.value : browserLocale(),
    ready:
      essentialFailed || info.status !== 'fulfilled'
        ? null
        : { info: info.value, recovery: notices.status === 'fulfilled' ? notices.value.settingsRecovery : null },
  };
}
