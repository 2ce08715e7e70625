/**
 * What the bridge needs to know about a channel — its name and whether it is invoked or
 * pushed — without its schema. Kept free of zod on purpose: the preload builds
 * `window.softphone` from a list of these, and bundling the schemas into it would add
 * ~450 KB to every window for nothing (main validates, not the preload).
 */
export type ChannelKind = 'invoke' | 'event';

export interface ChannelName {
  group: string;
  name: string;
  /** "group:name", the IPC channel. */
  channel: string;
  kind: ChannelKind;
}

/** The bridge method of an event channel: "changed" → "onChanged". */
export function eventMethodName(name: string): string {
  return `on${name.charAt(0).toUpperCase()}${name.slice(1)}`;
}
