/**
 * Building blocks of the IPC contract. A channel is declared once, here in contract/, and
 * everything else (main's router, the preload bridge, the e2e test bridge, the renderer's
 * types) is derived from that declaration.
 */
import { z } from 'zod';
import { limits } from './limits.js';

/** A request/response channel: the renderer calls, main answers. */
export interface InvokeChannel<Req, Res> {
  readonly kind: 'invoke';
  readonly request: z.ZodType<Req>;
  /** Phantom field carrying the response type; never set at run time. */
  readonly response?: Res;
}

/** A one-way channel: main pushes, the renderer listens. */
export interface EventChannel<Payload> {
  readonly kind: 'event';
  /** Phantom field carrying the payload type; never set at run time. */
  readonly payload?: Payload;
}

export type ChannelDef = InvokeChannel<any, any> | EventChannel<any>;
export type ContractShape = Record<string, Record<string, ChannelDef>>;

/** Declares an invoke channel whose request is validated by `request` at run time. */
export function invoke<Res>() {
  return <Schema extends z.ZodType>(request: Schema): InvokeChannel<z.output<Schema>, Res> => ({
    kind: 'invoke',
    request: request as unknown as z.ZodType<z.output<Schema>>,
  });
}

/** Declares an event channel from main to the renderer. */
export function event<Payload>(): EventChannel<Payload> {
  return { kind: 'event' };
}

/** The request schema of channels that take no argument. */
export const noRequest = z.undefined();

export const boundedString = (max: number = limits.shortText) => z.string().max(max);
