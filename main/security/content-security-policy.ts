/**
 * The renderer's Content-Security-Policy. Scripts only from the app itself (no inline, no
 * eval; 'wasm-unsafe-eval' because the Calling SDK compiles WebAssembly for audio effects);
 * network only to https/wss (ACS, the token service); media from blobs and streams.
 * Written into index.html at build time and, for the dev server, sent as a header too.
 */
export function contentSecurityPolicy(options: { devServerOrigin?: string } = {}): string {
  const dev = options.devServerOrigin ? ` ${options.devServerOrigin} ${options.devServerOrigin.replace(/^http/, 'ws')}` : '';
  return [
    "default-src 'none'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "media-src 'self' blob: mediastream:",
    `connect-src 'self' https: wss:${dev}`,
    "worker-src 'self' blob:",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
