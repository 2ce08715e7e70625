/**
 * IT-managed configuration: what the organisation set, where it came from, and what it set
 * wrongly (shown to the admin in Settings; the app ignores a bad value and carries on).
 */
import { event, invoke, noRequest } from './define.js';
import type { SettingKey } from './settings.js';

/** Where a managed value was read, highest precedence first. */
export const policySourceIds = ['windows-machine', 'windows-user', 'macos-user', 'macos-device', 'policy-file'] as const;
export type PolicySourceId = (typeof policySourceIds)[number];

export type PolicyProblemCode =
  /** The source exists but could not be read or parsed (a broken JSON or plist file). */
  | 'unreadable'
  /** A name the app does not know (often a typo): ignored. */
  | 'unknown-key'
  /** A value of the wrong kind, e.g. text where on/off is expected. */
  | 'wrong-type'
  /** The right kind, but not allowed (e.g. an http:// URL, an unknown language). */
  | 'invalid-value';

export interface PolicyProblem {
  /** The policy name as the admin wrote it; null when the whole source is unreadable. */
  key: string | null;
  source: PolicySourceId;
  problem: PolicyProblemCode;
}

export interface PolicyReport {
  /** Keys the organisation sets, and the source that won for each. */
  applied: { key: SettingKey; source: PolicySourceId }[];
  problems: PolicyProblem[];
}

/** Whether IT changed the managed settings since the app started: they apply from the next start. */
export interface PolicyChangeState {
  restartNeeded: boolean;
}

export const policyChannels = {
  policy: {
    getReport: invoke<PolicyReport>()(noRequest),
    /** Main reads the policy sources again every so often while the app runs. */
    getChangeState: invoke<PolicyChangeState>()(noRequest),
    changed: event<PolicyChangeState>(),
    /** Restarts the app so that IT's new settings apply; refused ('policy:changed.inCall') during a call. */
    restartToApply: invoke<void>()(noRequest),
  },
} as const;
