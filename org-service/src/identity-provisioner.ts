import type { AcsCallOptions, AcsIdentityGateway } from './acs/acs-identity-gateway.js';
import type { Logger } from './logger.js';
import { userKey, userPseudonym } from './auth/org-user.js';
import type { IdentityMappingStore, OrgUser } from './store/identity-store.js';

/**
 * Finds or creates the one ACS identity of an organisation user.
 *
 * Three layers keep it to one identity:
 * 1. single-flight: concurrent first sign-ins of a user in this process share one createUser call;
 * 2. the store's claim is a transaction on a (issuer, subject) primary key, so only one row wins;
 * 3. a process that lost a race to another process (sharing the database) gets the winner's
 *    identity back, and deletes the ACS user it created in vain so it is not left orphaned.
 */
export class IdentityProvisioner {
  private readonly inFlight = new Map<string, Promise<string>>();

  constructor(
    private readonly store: IdentityMappingStore,
    private readonly acs: AcsIdentityGateway,
    private readonly log: Logger,
  ) {}

  /** The user's ACS identity if one exists, without creating one. */
  existing(user: OrgUser): string | undefined {
    return this.store.find(user);
  }

  /** `options.signal` bounds the ACS call of the request that starts a provisioning (others join it). */
  async identityFor(user: OrgUser, options: AcsCallOptions = {}): Promise<string> {
    const stored = this.store.find(user);
    if (stored) return stored;
    const key = userKey(user);
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.provision(user, options).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return pending;
  }

  private async provision(user: OrgUser, options: AcsCallOptions): Promise<string> {
    const created = await this.acs.createUser(options);
    const stored = this.store.claim(user, created);
    if (stored === created) {
      this.log.info('acs identity created', { user: userPseudonym(user) });
      return stored;
    }
    this.log.warn('lost a first sign-in race to another process; removing the spare ACS identity', { user: userPseudonym(user) });
    await this.acs.deleteUser(created).catch(() => {
      this.log.warn('could not delete the spare ACS identity; it holds no data and can be removed later', { user: userPseudonym(user) });
    });
    return stored;
  }
}
