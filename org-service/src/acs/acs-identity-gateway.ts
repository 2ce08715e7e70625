import { CommunicationIdentityClient, type CommunicationIdentityClientOptions } from '@azure/communication-identity';
import type { AcsConnection } from './connection-string.js';
import { toAcsFailure } from './acs-errors.js';

/**
 * Ends a call early: the budget of the HTTP request it serves, shared by all its ACS calls (routes
 * derive it from ACS_TIMEOUT_MS). A call without one is bounded by the gateway's own `timeoutMs`.
 */
export interface AcsCallOptions {
  signal?: AbortSignal;
}

/** What the service needs from ACS identity, so routes and tests depend on this, not on the SDK. */
export interface AcsIdentityGateway {
  /** https://<resource>.communication.azure.com/ — the desktop app needs it for chat. */
  readonly endpoint: string;
  createUser(options?: AcsCallOptions): Promise<string>;
  issueToken(communicationUserId: string, lifetimeMinutes: number, options?: AcsCallOptions): Promise<{ token: string; expiresOn: Date }>;
  revokeTokens(communicationUserId: string, options?: AcsCallOptions): Promise<void>;
  deleteUser(communicationUserId: string): Promise<void>;
}

export interface AcsGatewayOptions {
  connection: AcsConnection;
  /** The bound on a call made without a budget (deleting a spare identity, direct use). */
  timeoutMs: number;
  maxRetries: number;
  defaultRetryAfterSeconds: number;
  /** Extra SDK pipeline options; tests use `tlsOptions` to trust the fake's self-signed certificate. */
  clientOptions?: CommunicationIdentityClientOptions;
}

/** The one place that talks to ACS, through the official CommunicationIdentityClient. */
export function createAcsIdentityGateway(options: AcsGatewayOptions): AcsIdentityGateway {
  const client = new CommunicationIdentityClient(options.connection.connectionString, {
    ...options.clientOptions,
    // The SDK's default is 3 retries with exponential delays up to a minute; a desktop user is
    // waiting on this request, and the desktop retries with its own back-off, so keep ours short.
    retryOptions: { maxRetries: options.maxRetries, retryDelayInMs: 300, maxRetryDelayInMs: 2_000 },
  });
  const call = async <T>(operation: (abortSignal: AbortSignal) => Promise<T>, budget?: AbortSignal): Promise<T> => {
    try {
      return await operation(budget ?? AbortSignal.timeout(options.timeoutMs));
    } catch (error) {
      throw toAcsFailure(error, options.defaultRetryAfterSeconds);
    }
  };
  return {
    endpoint: options.connection.endpoint,
    createUser: (callOptions) => call(async (abortSignal) => (await client.createUser({ abortSignal })).communicationUserId, callOptions?.signal),
    issueToken: (communicationUserId, lifetimeMinutes, callOptions) =>
      call((abortSignal) => client.getToken({ communicationUserId }, ['chat', 'voip'], { tokenExpiresInMinutes: lifetimeMinutes, abortSignal }), callOptions?.signal),
    revokeTokens: (communicationUserId, callOptions) => call((abortSignal) => client.revokeTokens({ communicationUserId }, { abortSignal }), callOptions?.signal),
    deleteUser: (communicationUserId) => call((abortSignal) => client.deleteUser({ communicationUserId }, { abortSignal })),
  };
}
