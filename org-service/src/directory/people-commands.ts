import { readFileSync } from 'node:fs';
import { createAcsIdentityGateway, type AcsIdentityGateway } from '../acs/acs-identity-gateway.js';
import { readAcsConnection } from '../acs/connection-string.js';
import { defaultOrg } from '../auth/api-key-store.js';
import { CommandError, note, parseCommandLine, print, withStore, type Command } from '../cli-support.js';
import { stderrLogger } from '../logger.js';
import { IdentityProvisioner } from '../tokens/identity-provisioner.js';
import { checkImportFile } from './import-people.js';
import { PeopleStore, type PersonRecord } from './people-store.js';

/** The ACS gateway `serve` would use, from the same environment (the connection string and ACS_* limits). */
function acsFromEnvironment(): AcsIdentityGateway {
  const env = process.env;
  const connection = readAcsConnection({ value: env.ACS_CONNECTION_STRING?.trim() || undefined, file: env.ACS_CONNECTION_STRING_FILE?.trim() || undefined });
  return createAcsIdentityGateway({ connection, timeoutMs: 10_000, maxRetries: 2, defaultRetryAfterSeconds: 10 });
}

const hasAcsConnection = () => Boolean(process.env.ACS_CONNECTION_STRING?.trim() || process.env.ACS_CONNECTION_STRING_FILE?.trim());

/** By id (`p_…`), or by e-mail — which must then name one person (use --org or the id if it does not). */
async function findPerson(people: PeopleStore, idOrEmail: string, org: string | undefined): Promise<PersonRecord> {
  if (idOrEmail.startsWith('p_')) {
    const person = await people.findById(idOrEmail);
    if (person && (org === undefined || person.org === org)) return person;
    throw new CommandError('No person with that id.');
  }
  const found = await people.findByEmail(idOrEmail, org);
  if (found.length === 0) throw new CommandError('No person with that e-mail address.');
  if (found.length > 1) throw new CommandError(`That e-mail address is in ${found.length} organisations; add --org <org> or give the person id.`);
  return found[0]!;
}

/** A few identities at a time: fast enough for thousands of people, gentle on ACS. */
const provisioningConcurrency = 4;

function setDisabledCommand(name: string, disabled: boolean): Command {
  return {
    usage: `${name} <email or id> [--org <org>]`,
    async run(args) {
      const { positionals, options } = parseCommandLine(args, this.usage, ['org'], 1);
      const acs = disabled && hasAcsConnection() ? acsFromEnvironment() : undefined;
      await withStore(async (store) => {
        const people = new PeopleStore(store);
        const person = await findPerson(people, positionals[0]!, options.org);
        await people.setDisabled(person.id, disabled);
        print(`${person.id} ${disabled ? 'disabled' : 'enabled'}.`);
        if (!disabled) return;
        // The service answers them 403 from now on; ACS tokens already issued are ACS's to end.
        if (acs && person.communicationUserId) {
          await acs.revokeTokens(person.communicationUserId);
          print('Their ACS tokens were revoked.');
        } else if (person.communicationUserId) {
          note('ACS tokens already issued stay valid until they expire (set ACS_CONNECTION_STRING to revoke them too).');
        }
      });
    },
  };
}

export const peopleCommands: Record<string, Command> = {
  'import-people': {
    usage: 'import-people <file.csv> [--org <org>]',
    async run(args) {
      const { positionals, options } = parseCommandLine(args, this.usage, ['org'], 1);
      const org = options.org ?? (process.env.OIDC_ISSUER?.trim() || defaultOrg);
      let text: string;
      try {
        text = readFileSync(positionals[0]!, 'utf8');
      } catch {
        throw new CommandError(`Cannot read ${positionals[0]}.`);
      }
      const checked = checkImportFile(text);
      if (!checked.ok) throw new CommandError(`Nothing was imported:\n${checked.problems.join('\n')}`);
      // Before storing anything: without ACS the new people could not be given identities.
      const acs = acsFromEnvironment();
      await withStore(async (store) => {
        const people = new PeopleStore(store);
        const { created, updated } = await people.importPeople(org, checked.entries);
        const provisioner = new IdentityProvisioner(people, acs, stderrLogger('warn'));
        const emails = new Set(checked.entries.map((entry) => entry.email.toLowerCase()));
        // Also those a previous import stored but could not provision (ACS was down).
        const pending = (await people.withoutIdentity(org)).filter((person) => person.email && emails.has(person.email.toLowerCase()));
        let provisioned = 0;
        const work = async () => {
          for (let next = pending.shift(); next; next = pending.shift()) {
            await provisioner.identityFor(next.id);
            provisioned += 1;
          }
        };
        try {
          await Promise.all(Array.from({ length: provisioningConcurrency }, work));
        } finally {
          print(`Organisation ${org}: ${created} added, ${updated} renamed, ${provisioned} ACS identities created.`);
        }
      });
    },
  },
  'disable-person': setDisabledCommand('disable-person', true),
  'enable-person': setDisabledCommand('enable-person', false),
  'list-people': {
    usage: 'list-people [--org <org>]',
    async run(args) {
      const { options } = parseCommandLine(args, this.usage, ['org'], 0);
      const everyone = await withStore((store) => new PeopleStore(store).list(options.org));
      if (everyone.length === 0) print('No people.');
      for (const person of everyone) {
        const state = person.disabledAt ? `disabled ${person.disabledAt}` : 'enabled';
        print([person.id, person.org, person.kind, person.displayName, person.email ?? '-', person.communicationUserId ? 'identity' : 'no identity', state].join('\t'));
      }
    },
  },
};
