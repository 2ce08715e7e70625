/**
 * The IPC contract: every channel between main and the renderer, in one place.
 * Adding a channel = one entry in a channels-*.ts file (merged below) + one handler in main.
 * See preload/README.md.
 */
import type { ChannelDef, ContractShape, EventChannel, InvokeChannel } from './define.js';
import type { IpcResult } from './errors.js';
import { eventMethodName, type ChannelName } from './channel-names.js';
import { appChannels } from './channels-app.js';
import { authChannels } from './channels-auth.js';

import { callsChannels } from './channels-calls.js';
import { chatChannels } from './channels-chat.js';
import { trayChannels } from './channels-tray.js';
import { policyChannels } from './channels-policy.js';
import { updateChannels } from './channels-updates.js';
import { peopleChannels } from './channels-people.js';

export const contract = {
  ...appChannels,
  ...authChannels,
  ...policyChannels,
  ...updateChannels,
  ...trayChannels,
  ...chatChannels,
  ...callsChannels,
  ...peopleChannels,
} as const satisfies ContractShape;

export type Contract = typeof contract;
type Group = keyof Contract & string;

/** "group:name" for every channel of a kind. */
type ChannelNamesOf<Kind extends ChannelDef['kind']> = {
  [G in Group]: {
    [K in keyof Contract[G] & string]: Contract[G][K] extends { kind: Kind } ? `${G}:${K}` : never;
  }[keyof Contract[G] & string];
}[Group];

export type InvokeChannelName = ChannelNamesOf<'invoke'>;
export type EventChannelName = ChannelNamesOf<'event'>;

type DefOf<Name extends string> = Name extends `${infer G}:${infer K}`
  ? G extends Group
    ? K extends keyof Contract[G]
      ? Contract[G][K]
      : never
    : never
  : never;

export type RequestOf<Name extends InvokeChannelName> = DefOf<Name> extends InvokeChannel<infer Req, any> ? Req : never;
export type ResponseOf<Name extends InvokeChannelName> = DefOf<Name> extends InvokeChannel<any, infer Res> ? Res : never;
export type PayloadOf<Name extends EventChannelName> = DefOf<Name> extends EventChannel<infer P> ? P : never;

type InvokeFn<Req, Res> = [Req] extends [undefined] ? () => Promise<IpcResult<Res>> : (request: Req) => Promise<IpcResult<Res>>;
type Unsubscribe = () => void;

/**
 * The shape of `window.softphone`: for each group, one method per invoke channel and one
 * `on<Name>(listener) => unsubscribe` per event channel.
 */
export type SoftphoneApi = {
  [G in Group]: {
    [K in keyof Contract[G] & string as Contract[G][K] extends EventChannel<any> ? `on${Capitalize<K>}` : K]: Contract[G][K] extends InvokeChannel<infer Req, infer Res>
      ? InvokeFn<Req, Res>
      : Contract[G][K] extends EventChannel<infer P>
        ? (listener: (payload: P) => void) => Unsubscribe
        : never;
  };
};

export interface ChannelEntry {
  group: string;
  name: string;
  channel: string;
  def: ChannelDef;
}

/** Every channel, flattened, for code that walks the contract (router, bridges, tests). */
export function listChannels(): ChannelEntry[] {
  return Object.entries(contract as ContractShape).flatMap(([group, defs]) =>
    Object.entries(defs).map(([name, def]) => ({ group, name, channel: `${group}:${name}`, def })),
  );
}

/** Names and kinds only (no schemas): what the preload's bridge is built from. */
export function listChannelNames(): ChannelName[] {
  return listChannels().map(({ group, name, channel, def }) => ({ group, name, channel, kind: def.kind }));
}

export { eventMethodName };
export type { ChannelKind, ChannelName } from './channel-names.js';

export type { IpcError, IpcErrorCode, IpcResult } from './errors.js';
