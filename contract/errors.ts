/**
 * What crosses the bridge when a call fails. Errors thrown in main do not survive
 * contextBridge with their fields, so every invoke answers with a Result instead.
 */
export type IpcErrorCode =
  | 'invalid-payload'
  | 'forbidden-sender'
  | 'unknown-channel'
  | 'internal'
  /** A domain failure a handler reported on purpose; messageKey says which. */
  | 'failed';

export interface IpcError {
  code: IpcErrorCode;
  /** i18n key (namespace:key) the renderer translates for the user. */
  messageKey: string;
  /** Interpolation values for messageKey; never secrets. */
  params?: Record<string, string | number>;
  /** For invalid-payload: which fields were wrong, as dotted paths. */
  fields?: string[];
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };
