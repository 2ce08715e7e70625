/**
 * What a signed-in session is made of, and the schemas that check it wherever it comes back
 * from outside main's memory (the token service's reply, the encrypted file on disk).
 */
import { z } from 'zod';

/** An ACS user token as the token service issued it. `expiresOn` is epoch milliseconds. */
export interface IssuedToken {
  token: string;
  expiresOn: number;
  communicationUserId: string;
  acsEndpoint: string;
  /** The user's name as the token service knows it (OIDC `name`, the API key's user); may be ''. */
  displayName: string;
  /** When main received it (epoch ms): the start of its lifetime for refresh timing. */
  obtainedAt: number;
  /** ACS refused it (revoked elsewhere): never handed out again; kept for the identity it names. */
  refused?: boolean;
}

/**
 * The capability that gets new ACS tokens without asking the user again: the API key, or the
 * OIDC refresh token (with the last access token, reused while it is valid).
 */
export type StoredCredential =
  | { kind: 'api-key'; apiKey: string }
  | {
      kind: 'oidc';
      issuer: string;
      clientId: string;
      accessToken: string;
      /** Epoch milliseconds. */
      accessTokenExpiresAt: number;
      refreshToken: string | null;
    };

export interface Session {
  serviceUrl: string;
  credential: StoredCredential;
  token: IssuedToken | null;
}

const bounded = (max: number) => z.string().min(1).max(max);

export const issuedTokenSchema = z.object({
  token: bounded(16_384),
  expiresOn: z.number().finite(),
  communicationUserId: bounded(512),
  acsEndpoint: bounded(2048),
  // Sessions saved before the service sent a name have none.
  displayName: z.string().max(256).default(''),
  obtainedAt: z.number().finite(),
  refused: z.boolean().optional(),
});

export const storedCredentialSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('api-key'), apiKey: bounded(512) }),
  z.object({
    kind: z.literal('oidc'),
    issuer: bounded(2048),
    clientId: bounded(256),
    accessToken: bounded(16_384),
    accessTokenExpiresAt: z.number().finite(),
    refreshToken: bounded(16_384).nullable(),
  }),
]);

export const sessionSchema = z.object({
  serviceUrl: bounded(2048),
  credential: storedCredentialSchema,
  token: issuedTokenSchema.nullable(),
});

export const methodOf = (credential: StoredCredential): 'api-key' | 'oidc' => credential.kind;
