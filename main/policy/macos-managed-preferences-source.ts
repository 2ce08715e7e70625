/**
 * macOS managed preferences: what an MDM configuration profile whose payload type is the app's
 * bundle ID puts in /Library/Managed Preferences. macOS writes them as binary plists (older
 * tools as XML); the `plist` package reads both, so no `defaults`/`plutil` process is needed.
 */
import { parse, parseBinary } from 'plist';
import { appIdentity } from '../app/identity.js';
import type { PolicyReading, PolicySource } from './policy-source.js';

const managedPreferences = '/Library/Managed Preferences';

/** Per-user profiles first (they are the more specific), then device-wide ones. */
export function managedPreferencesPaths(userName: string, bundleId: string = appIdentity.appId) {
  return {
    user: `${managedPreferences}/${userName}/${bundleId}.plist`,
    device: `${managedPreferences}/${bundleId}.plist`,
  };
}

const binaryMagic = 'bplist';

/** The top-level dictionary of a plist file, minus the profile's Payload* bookkeeping keys. */
export function parseManagedPreferences(bytes: Uint8Array): PolicyReading {
  let parsed: unknown;
  try {
    const isBinary = Buffer.from(bytes.subarray(0, binaryMagic.length)).toString('latin1') === binaryMagic;
    parsed = isBinary ? parseBinary(bytes) : parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return { status: 'unreadable' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || parsed instanceof Date || parsed instanceof Uint8Array) {
    return { status: 'unreadable' };
  }
  const entries = Object.entries(parsed)
    .filter(([name]) => !name.startsWith('Payload'))
    .map(([name, value]) => ({ name, value: value as unknown }));
  return { status: 'found', entries };
}

export class MacManagedPreferencesSource implements PolicySource {
  /** readFile answers null when the file does not exist. */
  constructor(
    readonly id: 'macos-user' | 'macos-device',
    private readonly path: string,
    private readonly readFile: (path: string) => Promise<Uint8Array | null>,
  ) {}

  async read(): Promise<PolicyReading> {
    try {
      const bytes = await this.readFile(this.path);
      return bytes === null ? { status: 'absent' } : parseManagedPreferences(bytes);
    } catch {
      return { status: 'unreadable' };
    }
  }
}
