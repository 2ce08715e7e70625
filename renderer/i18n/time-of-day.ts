/**
 * A time of day (hours and minutes) as the app's language writes it, which may differ from the
 * OS's: chat messages, the conversation list and the sign-in pill's "retrying at" all use it.
 */
import { i18n } from './i18n.svelte.js';

export function timeOf(when: number | string): string {
  return new Intl.DateTimeFormat(i18n.locale, { hour: '2-digit', minute: '2-digit' }).format(typeof when === 'string' ? Date.parse(when) : when);
}
