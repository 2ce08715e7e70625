/**
 * Keeps the signed-in session (ACS token + the credential that renews it) across restarts,
 * encrypted by the OS (Electron safeStorage: DPAPI on Windows, the Keychain on macOS). When the
 * OS offers no encryption the session lives in memory only: the user signs in again after a
 * restart rather than leaving a usable credential on disk in the clear.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describeError, type Logger } from '../app/logger.js';
import type { TokenPersistence } from '../../contract/channels-auth.js';
import { sessionSchema, type Session } from './session.js';

/** The part of Electron's safeStorage this module needs (main/auth/electron-safe-storage.ts). */
export interface SecretCipher {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/** A cipher for places with no OS encryption: it refuses, so nothing reaches the disk. */
export const noEncryption: SecretCipher = {
  isEncryptionAvailable: () => false,
  encryptString: () => {
    throw new Error('no encryption available');
  },
  decryptString: () => {
    throw new Error('no encryption available');
  },
};

export interface SessionVaultOptions {
  filePath: string;
  cipher: SecretCipher;
  log: Logger;
}

export class SessionVault {
  private current: TokenPersistence;
  private memory: Session | null = null;

  constructor(private readonly options: SessionVaultOptions) {
    let available = false;
    try {
      available = options.cipher.isEncryptionAvailable();
    } catch {
      available = false;
    }
    this.current = available ? 'encrypted' : 'memory-only';
    if (!available) options.log.warn('auth: OS encryption unavailable; the sign-in is kept in memory only');
  }

  /** Where the session lives now; turns 'save-failed' (memory only) once a save has failed. */
  get persistence(): TokenPersistence {
    return this.current;
  }

  load(): Session | null {
    if (this.current !== 'encrypted') return this.memory;
    let bytes: Buffer;
    try {
      bytes = readFileSync(this.options.filePath);
    } catch {
      return null;
    }
    try {
      const session = sessionSchema.parse(JSON.parse(this.options.cipher.decryptString(bytes)));
      this.memory = session;
      return session;
    } catch (error) {
      // Another user's file, a changed OS key, or damage: not usable, and never readable by
      // anyone else either. Drop it; the user signs in again.
      this.options.log.warn('auth: stored sign-in could not be read and was discarded', describeError(error));
      this.removeFile();
      return null;
    }
  }

  /**
   * Keeps the session; never throws. If the OS refuses to encrypt (a locked keychain, a DPAPI
   * error) or the disk refuses the file, the session stays in memory only from then on — a
   * sign-in that worked must not fail, nor be half done, because it could not be saved — and
   * any older file is removed so a restart cannot bring back a stale session.
   */
  save(session: Session): void {
    this.memory = session;
    if (this.current !== 'encrypted') return;
    try {
      const encrypted = this.options.cipher.encryptString(JSON.stringify(session));
      const temporary = `${this.options.filePath}.tmp`;
      mkdirSync(dirname(this.options.filePath), { recursive: true });
      // Write then rename, so a crash mid-write never leaves half a file behind.
      writeFileSync(temporary, encrypted, { mode: 0o600 });
      renameSync(temporary, this.options.filePath);
    } catch (error) {
      this.current = 'save-failed';
      this.options.log.warn('auth: the sign-in could not be saved; it is kept in memory only', describeError(error));
      try {
        this.removeFile();
      } catch {
        // The disk refuses even that; nothing more can be done from here (it is logged above).
      }
    }
  }

  clear(): void {
    this.memory = null;
    this.removeFile();
  }

  private removeFile(): void {
    rmSync(this.options.filePath, { force: true });
    rmSync(`${this.options.filePath}.tmp`, { force: true });
  }
}
