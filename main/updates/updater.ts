/** What the update service needs from electron-updater (main/updates/electron-updater-adapter.ts). */
export interface UpdaterListener {
  checking(): void;
  available(version: string): void;
  notAvailable(): void;
  progress(percent: number): void;
  downloaded(version: string): void;
  error(): void;
}

export interface Updater {
  /** A generic-provider feed URL; '' goes back to the one built into the release (app-update.yml). */
  setFeedUrl(url: string): void;
  /**
   * Whether a downloaded update may install when the app quits. Off whenever updates are
   * turned off, so switching them off after a download really keeps the old version.
   */
  setInstallOnQuit(allowed: boolean): void;
  /** Checks and, when there is an update, downloads it (progress through the listener). */
  check(): Promise<void>;
  /** Quits, installs the downloaded update and starts the new version. */
  quitAndInstall(): void;
  listen(listener: UpdaterListener): void;
}
