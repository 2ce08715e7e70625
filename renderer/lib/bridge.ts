/**
 * The renderer's only way to main: `window.softphone`, typed from the contract. `call`
 * unwraps a result and throws a BridgeError carrying the i18n key to show.
 */
import type { IpcError, IpcResult, SoftphoneApi } from '../../contract/index.js';

declare global {
  interface Window {
    softphone?: SoftphoneApi;
  }
}

export class BridgeError extends Error {
  constructor(readonly error: IpcError) {
    super(error.messageKey);
    this.name = 'BridgeError';
  }
}

export function bridge(): SoftphoneApi {
  if (!window.softphone) throw new BridgeError({ code: 'internal', messageKey: 'shell:bridgeMissing' });
  return window.softphone;
}

export async function call<T>(pending: Promise<IpcResult<T>>): Promise<T> {
  const result = await pending;
  if (!result.ok) throw new BridgeError(result.error);
  return result.value;
}

/** The i18n key for any error caught in the renderer. */
export function messageKeyOf(error: unknown): { key: string; params?: Record<string, string | number> } {
  if (error instanceof BridgeError) return { key: error.error.messageKey, ...(error.error.params ? { params: error.error.params } : {}) };
  return { key: 'errors:unexpected' };
}
