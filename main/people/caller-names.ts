/**
 * Names for notifications: when an incoming call comes from a colleague (an ACS id the
 * directory knows), the toast shows the directory's name — the organisation's word for who it
 * is — rather than the display name the caller's client sent, which anyone can set. A quick
 * lookup with a short timeout is allowed when the cache does not know the id; without an
 * answer in time the notification shows what it showed before (a miss is remembered for a
 * while, so an outside caller costs one lookup, not one per call).
 */
import type { DirectoryClient } from './directory-client.js';

const acsUserId = /^8:acs:[A-Za-z0-9_:.-]{1,200}$/;

/** How long a ringing notification may wait for a name. */
export const nameLookupTimeoutMs = 1_000;

export class CallerNames {
  constructor(
    private readonly directory: DirectoryClient,
    private readonly signedIn: () => boolean,
    private readonly timeoutMs = nameLookupTimeoutMs,
  ) {}

  /** The directory's name for this raw id, asking the service if need be; null otherwise. */
  async nameFor(rawId: string): Promise<string | null> {
    if (!acsUserId.test(rawId) || !this.signedIn()) return null;
    const cached = this.directory.cache.get(rawId);
    if (cached !== undefined) return cached?.displayName ?? null;
    try {
      const [person] = await this.directory.lookup([rawId], { timeoutMs: this.timeoutMs });
      return person?.displayName ?? null;
    } catch {
      return null;
    }
  }
}
