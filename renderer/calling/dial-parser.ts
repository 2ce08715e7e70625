/**
 * The dial-string parser carries libphonenumber-js and its metadata (tens of KB), so it is
 * loaded on first use (or warmed up when the dial pad appears), not in the initial bundle.
 */
type DialStringModule = typeof import('./dial-string.js');

let loading: Promise<DialStringModule> | null = null;

export const loadDialParser = (): Promise<DialStringModule> =>
  (loading ??= import('./dial-string.js').catch((error: unknown) => {
    loading = null;
    throw error;
  }));
