import type { Plugin } from 'esbuild';
import type { ChannelName } from '../contract/channel-names.js';

export function contractChannelList(): Promise<ChannelName[]>;
export function channelListAsData(list: readonly ChannelName[]): Plugin;
