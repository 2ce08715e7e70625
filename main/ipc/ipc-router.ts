/**
 * The one place IPC requests enter main. Every handler is registered here; every request is
 * checked for its sender (the app's own top frame only) and validated against the contract's
 * schema before a handler sees it. Failures come back as typed results, never as crashes.
 * Plain TypeScript: the Electron adapter (electron-ipc.ts) only forwards to `dispatch`.
 */
import { contract, listChannels, type InvokeChannelName, type RequestOf, type ResponseOf } from '../../contract/index.js';
import type { IpcError, IpcResult } from '../../contract/errors.js';
import type { ChannelDef } from '../../contract/define.js';
import type { Logger } from '../app/logger.js';
import { checkPayloadShape } from './payload-guard.js';
import { UserFacingError } from './user-facing-error.js';

export interface SenderInfo {
  /** URL of the frame that sent the request, when Electron still knows it. */
  frameUrl: string | undefined;
  /** False for iframes: only the top frame of an app window may call. */
  isTopFrame: boolean;
}

export type Handler<C extends InvokeChannelName> = (
  request: RequestOf<C>,
  sender: SenderInfo,
) => ResponseOf<C> | Promise<ResponseOf<C>>;

const fail = (error: IpcError): IpcResult<never> => ({ ok: false, error });

export class IpcRouter {
  private readonly handlers = new Map<string, (request: unknown, sender: SenderInfo) => unknown>();
  private readonly definitions = new Map<string, ChannelDef>(listChannels().map((c) => [c.channel, c.def]));

  constructor(
    /** Decides whether a frame URL belongs to the app (see main/security/app-origin.ts). */
    private readonly isTrustedSender: (sender: SenderInfo) => boolean,
    private readonly log: Logger,
  ) {}

  handle<C extends InvokeChannelName>(channel: C, handler: Handler<C>): void {
    if (this.definitions.get(channel)?.kind !== 'invoke') throw new Error(`${channel} is not an invoke channel of the contract`);
    if (this.handlers.has(channel)) throw new Error(`${channel} already has a handler`);
    this.handlers.set(channel, handler as (request: unknown, sender: SenderInfo) => unknown);
  }

  /** Invoke channels of the contract that no one handles yet (a test keeps this empty). */
  unhandledChannels(): string[] {
    return listChannels()
      .filter((c) => c.def.kind === 'invoke' && !this.handlers.has(c.channel))
      .map((c) => c.channel);
  }

  async dispatch(channel: string, payload: unknown, sender: SenderInfo): Promise<IpcResult<unknown>> {
    if (!this.isTrustedSender(sender)) {
      this.log.warn('ipc: refused a call from a foreign frame', { channel: String(channel).slice(0, 64) });
      return fail({ code: 'forbidden-sender', messageKey: 'errors:ipc.forbiddenSender' });
    }
    const def = typeof channel === 'string' ? this.definitions.get(channel) : undefined;
    const handler = typeof channel === 'string' ? this.handlers.get(channel) : undefined;
    if (!def || def.kind !== 'invoke' || !handler) {
      return fail({ code: 'unknown-channel', messageKey: 'errors:ipc.unknownChannel' });
    }
    const shapeProblem = checkPayloadShape(payload);
    if (shapeProblem) {
      this.log.warn('ipc: refused a malformed payload', { channel, problem: shapeProblem });
      return fail({ code: 'invalid-payload', messageKey: 'errors:ipc.invalidPayload', fields: [] });
    }
    const parsed = def.request.safeParse(payload);
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(root)'))];
      this.log.warn('ipc: payload failed validation', { channel, fields });
      return fail({ code: 'invalid-payload', messageKey: 'errors:ipc.invalidPayload', fields });
    }
    try {
      return { ok: true, value: await handler(parsed.data, sender) };
    } catch (error) {
      if (error instanceof UserFacingError) {
        return fail({ code: 'failed', messageKey: error.messageKey, ...(error.params ? { params: error.params } : {}) });
      }
      // The payload may hold user data: log the channel and the error's type only.
      this.log.error('ipc: handler failed', { channel, error: error instanceof Error ? error.name : typeof error });
      return fail({ code: 'internal', messageKey: 'errors:ipc.internal' });
    }
  }
}

export { contract };
