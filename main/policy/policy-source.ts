/** One place IT can put managed configuration, read into raw name/value pairs. */
import type { PolicySourceId } from '../../contract/channels-policy.js';

export interface RawPolicyEntry {
  /** The name as written by the admin (matched to a key case-insensitively). */
  name: string;
  /** string, number or boolean when the source's type maps to one; anything else is wrong-type. */
  value: unknown;
}

export type PolicyReading =
  /** Nothing configured here (no key, no file): not a problem. */
  | { status: 'absent' }
  | { status: 'found'; entries: RawPolicyEntry[] }
  /** Present but unusable (broken file, failed command): reported, then ignored. */
  | { status: 'unreadable' };

export interface PolicySource {
  readonly id: PolicySourceId;
  read(): Promise<PolicyReading>;
}

/** Runs a program without a shell and gives back what it printed (reg.exe, plutil). */
export type CommandRunner = (file: string, args: readonly string[]) => Promise<{ exitCode: number; stdout: string; stderr: string }>;
