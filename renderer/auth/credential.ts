/**
 * The one ACS credential of the renderer, shared by calling and chat. Its tokenRefresher asks
 * main for a token through the bridge (main owns the cache, refresh and encryption; the
 * renderer never stores a token). @azure/communication-common is loaded on first use: it
 * brings the Azure core pipeline with it and has no place in the initial bundle.
 *
 * Features use `getSharedCredential()`; the auth session disposes it on sign-out. When ACS
 * refuses its token (revoked by a sign-out on another computer), `renewSharedCredential()`
 * gets a new one from main and puts it in the same credential, so calling and chat both use it.
 */
import type { AbortSignalLike } from '@azure/abort-controller';
import type { AccessToken } from '@azure/core-auth';
import type { AzureCommunicationTokenCredential, CommunicationGetTokenOptions, CommunicationTokenCredential } from '@azure/communication-common';
import type { UserToken } from '../../contract/channels-auth.js';
import type { IpcResult } from '../../contract/errors.js';
import { bridge, call } from '../lib/bridge.js';

type CommonModule = typeof import('@azure/communication-common');

/** The part of `window.softphone.auth` the credential needs. */
export interface TokenSource {
  getToken(): Promise<IpcResult<UserToken>>;
  replaceRefusedToken(request: { refusedExpiresOn: string }): Promise<IpcResult<UserToken>>;
}

/**
 * What calling and chat hold: an AzureCommunicationTokenCredential (proactive refresh through
 * main) behind a stable object. The SDKs have no way to drop a token they were given; replacing
 * the inner credential is how a refused token gives way to a new one in both at once.
 */
export class RenewableCredential implements CommunicationTokenCredential {
  private disposed = false;

  constructor(private inner: AzureCommunicationTokenCredential) {}

  getToken(options?: CommunicationGetTokenOptions): Promise<AccessToken> {
    return this.inner.getToken(options);
  }

  /** From now on tokens come from `next` (seeded with a new token); the old one is disposed. */
  replace(next: AzureCommunicationTokenCredential): void {
    const previous = this.inner;
    this.inner = next;
    previous.dispose();
    if (this.disposed) next.dispose();
  }

  dispose(): void {
    this.disposed = true;
    this.inner.dispose();
  }
}

export interface SharedCredential {
  credential: RenewableCredential;
  /** The signed-in user's ACS identity (8:acs:…), for CallAgent/ChatClient set-up. */
  communicationUserId: string;
  /** The ACS resource endpoint, for ChatClient. */
  acsEndpoint: string;
}

let commonSdk: Promise<CommonModule> | null = null;
export const loadCommonSdk = (): Promise<CommonModule> => (commonSdk ??= import('@azure/communication-common'));

function abortError(): Error {
  return new DOMException('The token request was cancelled.', 'AbortError');
}

const toAccessToken = (token: UserToken): AccessToken => ({ token: token.token, expiresOnTimestamp: Date.parse(token.expiresOn) });

/**
 * One token from main. When the SDK aborts (a call set-up was cancelled, the credential was
 * disposed) the caller stops waiting at once; main's single request carries on for the others.
 */
export async function tokenFromMain(source: TokenSource, abortSignal?: AbortSignalLike): Promise<AccessToken> {
  if (abortSignal?.aborted) throw abortError();
  const pending = call(source.getToken());
  if (!abortSignal) return toAccessToken(await pending);
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(abortError());
    abortSignal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return toAccessToken(await Promise.race([pending, aborted]));
  } finally {
    abortSignal.removeEventListener('abort', onAbort!);
  }
}

async function seededCredential(source: TokenSource, token: UserToken, load: () => Promise<CommonModule>): Promise<AzureCommunicationTokenCredential> {
  const { AzureCommunicationTokenCredential } = await load();
  return new AzureCommunicationTokenCredential({
    token: toAccessToken(token),
    tokenRefresher: (abortSignal) => tokenFromMain(source, abortSignal),
    refreshProactively: true,
  });
}

/** Builds a credential over `source`; getSharedCredential() keeps the app's single one. */
export async function createCredential(source: TokenSource, load: () => Promise<CommonModule> = loadCommonSdk): Promise<SharedCredential> {
  const first = await call(source.getToken());
  const credential = new RenewableCredential(await seededCredential(source, first, load));
  return { credential, communicationUserId: first.communicationUserId, acsEndpoint: first.acsEndpoint };
}

/**
 * ACS refused the credential's token: tell main which one (it drops it and fetches a new one,
 * at a bounded rate) and put the new token into the same credential. Resolves with that
 * credential — calling's `renewCredential`.
 */
export async function renewCredential(shared: SharedCredential, source: TokenSource, load: () => Promise<CommonModule> = loadCommonSdk): Promise<RenewableCredential> {
  const refused = await shared.credential.getToken();
  const fresh = await call(source.replaceRefusedToken({ refusedExpiresOn: new Date(refused.expiresOnTimestamp).toISOString() }));
  shared.credential.replace(await seededCredential(source, fresh, load));
  return shared.credential;
}

let shared: Promise<SharedCredential> | null = null;

/** The app's one credential, created on first use for the signed-in user. */
export function getSharedCredential(source: TokenSource = bridge().auth): Promise<SharedCredential> {
  if (!shared) {
    const creating = createCredential(source);
    shared = creating;
    // A failed creation (signed out, service down) must not stick: the next caller retries.
    creating.catch(() => {
      if (shared === creating) shared = null;
    });
  }
  return shared;
}

/** The shared credential with a new token after ACS refused its token (see renewCredential). */
export async function renewSharedCredential(source: TokenSource = bridge().auth): Promise<CommunicationTokenCredential> {
  return renewCredential(await getSharedCredential(source), source);
}

/** Stops proactive refresh and forgets the credential (sign-out, another user signed in). */
export function disposeSharedCredential(): void {
  const previous = shared;
  shared = null;
  void previous?.then((s) => s.credential.dispose()).catch(() => undefined);
}
