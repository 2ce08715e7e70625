/**
 * The tray's own small state file (tray-state.json beside settings.json): the chosen presence
 * and whether the "still running in the tray" notice was shown. Not settings — the user does
 * not edit them in Settings and IT has no reason to lock them.
 */
import type { UserStatus } from '../../contract/channels-tray.js';
import type { Logger } from '../app/logger.js';
import type { KeyValueStore, StoreFactory } from '../settings/settings-store.js';
import type { PresencePersistence } from '../presence/presence-tracker.js';
import type { CloseToTrayState } from './close-to-tray.js';

const defaults = { presence: 'available', closeToTrayNoticeShown: false };
const schema = { presence: { type: 'string', maxLength: 32 }, closeToTrayNoticeShown: { type: 'boolean' } };

export class TrayStateStore implements PresencePersistence, CloseToTrayState {
  private readonly store: KeyValueStore | null;
  private readonly memory: Record<string, unknown> = { ...defaults };

  constructor(options: { directory: string; factory: StoreFactory; projectVersion: string; log: Logger }) {
    let store: KeyValueStore | null = null;
    try {
      store = options.factory({ cwd: options.directory, name: 'tray-state', defaults, schema, migrations: {}, projectVersion: options.projectVersion });
    } catch {
      // Losing the chosen presence is harmless; failing to start is not. Run from memory.
      options.log.warn('tray: state file unreadable; using defaults for this session');
    }
    this.store = store;
  }

  private read(key: keyof typeof defaults): unknown {
    return this.store ? this.store.get(key) : this.memory[key];
  }

  private write(key: keyof typeof defaults, value: unknown): void {
    if (this.store) this.store.set({ [key]: value });
    else this.memory[key] = value;
  }

  load(): unknown {
    return this.read('presence');
  }

  save(status: UserStatus): void {
    this.write('presence', status);
  }

  noticeShown(): boolean {
    return this.read('closeToTrayNoticeShown') === true;
  }

  markNoticeShown(): void {
    this.write('closeToTrayNoticeShown', true);
  }
}
