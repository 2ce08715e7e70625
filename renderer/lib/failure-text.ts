/**
 * For a form's alert: run what the user asked for and say, in their language, what went
 * wrong — the key main sent with its error, or "something unexpected" for anything else.
 */
import { t } from '../i18n/i18n.svelte.js';
import { messageKeyOf } from './bridge.js';

/** Resolves to null when `action` succeeded, else to the translated message for its error. */
export async function failureText(action: () => Promise<unknown>): Promise<string | null> {
  try {
    await action();
    return null;
  } catch (caught) {
    const { key, params } = messageKeyOf(caught);
    return t(key, params);
  }
}
