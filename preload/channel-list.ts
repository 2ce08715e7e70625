/**
 * The contract's channel names and kinds, for building `window.softphone`. Derived from the
 * contract here (so tests and the e2e bridge use the contract itself); in the shipped preload,
 * scripts/build-electron.mjs replaces this module with the same list as plain data, computed
 * from the contract at build time, so the schemas (zod) stay out of the preload bundle.
 */
import { listChannelNames } from '../contract/index.js';
import type { ChannelName } from '../contract/channel-names.js';

export const channelList: readonly ChannelName[] = listChannelNames();
