/** Whether the app may update itself now, and if not, the reason shown to the user. */
import type { UpdateDisabledReason } from '../../contract/channels-updates.js';
import type { InstallKind } from './install-kind.js';

export interface EligibilityInput {
  installKind: InstallKind;
  autoUpdate: boolean;
  /** autoUpdate was set by the organisation's policy. */
  autoUpdateLocked: boolean;
}

/** null = updates are on. The install kind outranks the setting: an MSI never self-updates. */
export function updateDisabledReason(input: EligibilityInput): UpdateDisabledReason | null {
  if (input.installKind === 'unsupported') return 'unsupported';
  if (input.installKind === 'managed') return 'managed-install';
  if (!input.autoUpdate) return input.autoUpdateLocked ? 'policy' : 'user';
  return null;
}
