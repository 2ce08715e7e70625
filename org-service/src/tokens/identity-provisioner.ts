import type { AcsCallOptions, AcsIdentityGateway } from '../acs/acs-identity-gateway.js';
import type { PeopleStore } from '../directory/people-store.js';
import type { Logger } from '../logger.js';

/**
 * Finds or creates the one ACS identity of a person.
 *
 * Three layers keep it to one identity:
 * 1. single-flight: concurrent first sign-ins of a person in this process share one createUser call;
 * 2. the store's claim is one conditional UPDATE (… WHERE communication_user_id IS NULL), so only
 *    one writer wins, and communication_user_id is UNIQUE;
 * 3. a process that lost a race to another process (sharing the database) gets the winner's
 *    identity back, and deletes the ACS user it created in vain so it is not left orphaned.
 */
export class IdentityProvisioner {
  private readonly inFlight = new Map<string, Promise<string>>();

  constructor(
    private readonly people: PeopleStore,
    private readonly acs: AcsIdentityGateway,
    private readonly log: Logger,
  ) {}

  /** The person's ACS identity if one exists, without creating one. */
  existing(personId: string): Promise<string | null> {
    return this.people.communicationUserIdOf(personId);
  }

  /** `options.signal` bounds the ACS call of the request that starts a provisioning (others join it). */
  async identityFor(personId: string, options: AcsCallOptions = {}): Promise<string> {
    let pending = this.inFlight.get(personId);
    if (!pending) {
      pending = this.findOrProvision(personId, options).finally(() => this.inFlight.delete(personId));
      this.inFlight.set(personId, pending);
    }
    return pending;
  }

  private async findOrProvision(personId: string, options: AcsCallOptions): Promise<string> {
    const stored = await this.people.communicationUserIdOf(personId);
    if (stored) return stored;
    const created = await this.acs.createUser(options);
    const claimed = await this.people.claimIdentity(personId, created);
    // Person ids are pseudonymous by design: safe to log, and they correlate with the directory.
    if (claimed === created) {
      this.log.info('acs identity created', { person: personId });
      return claimed;
    }
    this.log.warn('lost a first sign-in race to another process; removing the spare ACS identity', { person: personId });
    await this.acs.deleteUser(created).catch(() => {
      this.log.warn('could not delete the spare ACS identity; it holds no data and can be removed later', { person: personId });
    });
    return claimed;
  }
}
