/**
 * How this copy was installed decides whether it may update itself. An MSI install belongs to
 * IT (they ship new versions with their own tools, and Program Files is not writable by the
 * user anyway); NSIS per-user installs and DMG/ZIP copies update themselves.
 */
import { win32 } from 'node:path';

export type InstallKind = 'self-updating' | 'managed' | 'unsupported';

/** Written by the MSI next to the executable (build/msi/msi-project-created.mjs). */
export const msiInstallMarkerName = 'msi-install.marker';

export interface InstallFacts {
  platform: NodeJS.Platform;
  isPackaged: boolean;
  /** The running executable (Electron's app.getPath('exe')). */
  exePath: string;
  env: Record<string, string | undefined>;
  fileExists: (path: string) => boolean;
}

function isInside(child: string, parent: string): boolean {
  const relative = win32.relative(win32.resolve(parent), win32.resolve(child));
  return relative !== '' && !relative.startsWith('..') && !win32.isAbsolute(relative);
}

export function detectInstallKind(facts: InstallFacts): InstallKind {
  if (!facts.isPackaged) return 'unsupported';
  if (facts.platform === 'darwin') return 'self-updating';
  if (facts.platform !== 'win32') return 'unsupported';
  if (facts.fileExists(win32.join(win32.dirname(facts.exePath), msiInstallMarkerName))) return 'managed';
  // Belt and braces: the per-user NSIS installer never writes under Program Files, so an app
  // found there was put there by an admin (MSI with a custom folder, or copied by a tool).
  const programFiles = [facts.env.ProgramFiles, facts.env['ProgramFiles(x86)'], facts.env.ProgramW6432].filter((p): p is string => !!p);
  if (programFiles.some((dir) => isInside(facts.exePath.toLowerCase(), dir.toLowerCase()))) return 'managed';
  return 'self-updating';
}
