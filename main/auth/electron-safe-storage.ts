/**
 * Electron adapter: safeStorage as a SecretCipher. On Linux without a keyring Chromium falls
 * back to a hard-coded key ("basic_text"), which is obfuscation, not encryption: treat it as
 * unavailable so the session stays in memory only.
 */
import { safeStorage } from 'electron';
import type { SecretCipher } from './session-vault.js';

export const electronSafeStorage: SecretCipher = {
  isEncryptionAvailable() {
    if (!safeStorage.isEncryptionAvailable()) return false;
    return process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text';
  },
  encryptString: (plainText) => safeStorage.encryptString(plainText),
  decryptString: (encrypted) => safeStorage.decryptString(encrypted),
};
