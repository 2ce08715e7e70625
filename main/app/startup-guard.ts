/**
 * Start-up that cannot leave a ghost behind. If anything in start-up throws, the app would
 * otherwise keep running without a window while holding the single-instance lock, so every
 * later start would hand over to it and vanish. Instead: log what failed (never the message,
 * which may carry data), tell the user in their language, and exit.
 */
import type { Locale } from '../../contract/settings.js';
import { Translator } from '../i18n/translator.js';
import { describeError, type Logger } from './logger.js';

export interface StartupGuardDeps {
  log: Logger;
  /** The OS's language (settings may be what failed, so they are not asked). */
  locale: () => Locale;
  /** Where the log file is, for the message (support will ask for it). */
  logPath: string;
  showErrorBox(title: string, content: string): void;
  exit(code: number): void;
}

export async function guardStartup(start: () => Promise<void>, deps: StartupGuardDeps): Promise<void> {
  try {
    await start();
  } catch (error) {
    deps.log.error('start-up failed', describeError(error));
    try {
      let locale: Locale = 'en';
      try {
        locale = deps.locale();
      } catch {
        // English, then.
      }
      const { t } = new Translator(locale);
      deps.showErrorBox(t('errors:startup.title'), t('errors:startup.failed', { path: deps.logPath }));
    } catch (boxError) {
      deps.log.error('start-up: could not show the error box', describeError(boxError));
    }
    deps.exit(1);
  }
}

/** Logs promise rejections nothing handled: their type and place only, never their message. */
export function logUnhandledRejections(processLike: { on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown }, log: Logger): void {
  processLike.on('unhandledRejection', (reason) => log.error('unhandled promise rejection', describeError(reason)));
}
