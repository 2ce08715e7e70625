/**
 * The renderer's first check of a token service address, so the user hears about a typo at
 * once; main checks again with the contract's schema (same rule: https, or http on this machine).
 */
export function isAcceptableServiceUrl(value: string): boolean {
  try {
    const url = new URL(value.trim());
    const loopback = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
    return url.protocol === 'https:' || (url.protocol === 'http:' && loopback);
  } catch {
    return false;
  }
}
