/**
 * Electron adapter: HTTP for sign-in through Chromium's network stack (`net.fetch`), so the
 * token service and the identity provider are reached the way the browser reaches them —
 * through the system or PAC proxy (with its authentication) and trusting the OS certificate
 * store, where a corporate TLS-inspecting proxy's root lives. Node's own fetch knows neither.
 */
import { net } from 'electron';
import type { FetchLike } from './token-service-client.js';

export const electronNetFetch: FetchLike = (input, init) => net.fetch(input, init);
