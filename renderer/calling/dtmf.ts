/** Keypad keys as the SDK's DTMF tones, and the echo bot's ID (small, so they stay out of the lazy parser). */
import type { DtmfTone } from '@azure/communication-calling';

/** The ACS test bot that plays back what you say. */
export const echoBotId = '8:echo123';

/** Maps a dialled character to what Call.sendDtmf accepts; null for anything else. */
export function dtmfToneFor(key: string): DtmfTone | null {
  if (/^[0-9]$/.test(key)) return `Num${key}` as DtmfTone;
  if (key === '*') return 'Star';
  if (key === '#') return 'Pound';
  if (/^[A-Da-d]$/.test(key)) return key.toUpperCase() as 'A' | 'B' | 'C' | 'D';
  return null;
}
