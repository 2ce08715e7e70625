import { CommandError, parseCommandLine, print, note, withStore, type Command } from '../cli-support.js';
import { ApiKeyError, ApiKeyStore, defaultOrg } from './api-key-store.js';

/** Development API keys: they need only TOKEN_SERVICE_DB, not the ACS connection string. */
export const apiKeyCommands: Record<string, Command> = {
  'create-api-key': {
    usage: 'create-api-key <user> [--org <org>]',
    async run(args) {
      const { positionals, options } = parseCommandLine(args, this.usage, ['org'], 1);
      const user = positionals[0]!;
      const org = options.org ?? defaultOrg;
      try {
        const { key, keyId } = await withStore((store) => new ApiKeyStore(store).create(user, org));
        note(`API key ${keyId} created for ${user} (organisation ${org}). It is shown only now; store it like a password:`);
        print(key);
      } catch (error) {
        if (error instanceof ApiKeyError) throw new CommandError(error.message);
        throw error;
      }
    },
  },
  'revoke-api-key': {
    usage: 'revoke-api-key <key id>',
    async run(args) {
      const keyId = parseCommandLine(args, this.usage, [], 1).positionals[0]!;
      if (!(await withStore((store) => new ApiKeyStore(store).revoke(keyId)))) throw new CommandError('No active API key with that id.');
      print('API key revoked. Tokens already issued with it stay valid until they expire.');
    },
  },
  'list-api-keys': {
    usage: 'list-api-keys',
    async run(args) {
      parseCommandLine(args, this.usage, [], 0);
      const keys = await withStore((store) => new ApiKeyStore(store).list());
      if (keys.length === 0) print('No API keys. Create one with: create-api-key <user>');
      for (const key of keys) {
        const state = key.revokedAt ? `revoked ${key.revokedAt}` : 'active';
        print(`${key.keyId}\t${key.user}\t${key.org}\tcreated ${key.createdAt}\t${state}\tlast used ${key.lastUsedAt ?? 'never'}`);
      }
    },
  },
};
