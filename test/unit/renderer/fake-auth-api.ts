/** A scriptable `window.softphone.auth` for component tests: records calls, pushes states. */
import type { AuthState, UserToken } from '../../../contract/channels-auth.js';
import type { IpcResult, SoftphoneApi } from '../../../contract/index.js';

export const signedOutState: AuthState = { status: 'signed-out', persistence: 'encrypted', reason: null };

export const readyState = (overrides: Partial<Extract<AuthState, { status: 'ready' }>> = {}): Extract<AuthState, { status: 'ready' }> => ({
  status: 'ready',
  expiresOn: '2099-01-01T00:00:00.000Z',
  serviceUrl: 'https://tokens.contoso.test/',
  method: 'api-key',
  communicationUserId: '8:acs:alice',
  displayName: 'Alice Archer',
  persistence: 'encrypted',
  ...overrides,
});

export function fakeAuthApi(initial: AuthState = signedOutState) {
  const calls: { method: string; request?: unknown }[] = [];
  const listeners = new Set<(state: AuthState) => void>();
  let state = initial;
  /** What the next sign-in answers; by default it succeeds. */
  const next: { signIn: IpcResult<AuthState> | null; token: () => Promise<IpcResult<UserToken>>; replacement: () => Promise<IpcResult<UserToken>> } = {
    signIn: null,
    token: async () => ({ ok: true, value: { token: 'tok-1', expiresOn: new Date(Date.now() + 3_600_000).toISOString(), communicationUserId: '8:acs:alice', acsEndpoint: 'https://contoso.communication.azure.com/' } }),
    replacement: async () => ({ ok: true, value: { token: 'tok-new', expiresOn: new Date(Date.now() + 7_200_000).toISOString(), communicationUserId: '8:acs:alice', acsEndpoint: 'https://contoso.communication.azure.com/' } }),
  };
  const answer = async (method: string, request?: unknown): Promise<IpcResult<AuthState>> => {
    calls.push(request === undefined ? { method } : { method, request });
    return { ok: true, value: state };
  };
  const auth: SoftphoneApi['auth'] = {
    getState: () => answer('getState'),
    signInWithApiKey: async (request) => {
      calls.push({ method: 'signInWithApiKey', request });
      return next.signIn ?? { ok: true, value: readyState() };
    },
    signInWithOidc: async (request) => {
      calls.push({ method: 'signInWithOidc', request });
      return next.signIn ?? { ok: true, value: readyState({ method: 'oidc' }) };
    },
    cancelSignIn: () => answer('cancelSignIn'),
    retryNow: () => answer('retryNow'),
    signOut: async () => {
      calls.push({ method: 'signOut' });
      return { ok: true, value: signedOutState };
    },
    getToken: () => {
      calls.push({ method: 'getToken' });
      return next.token();
    },
    replaceRefusedToken: (request) => {
      calls.push({ method: 'replaceRefusedToken', request });
      return next.replacement();
    },
    onStateChanged: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    api: { auth },
    calls,
    next,
    /** Main publishes a new state. */
    push(newState: AuthState) {
      state = newState;
      for (const l of listeners) l(newState);
    },
  };
}
