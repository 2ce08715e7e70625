/**
 * electron-builder.yml, loaded and validated by electron-builder's own code (the loader and the
 * JSON-schema check it runs before every build), then the properties IT relies on.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parsePlist } from 'plist';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import type { Configuration } from 'app-builder-lib';
import { describe, expect, it } from 'vitest';
import { appIdentity } from '../../../main/app/identity.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const silentDebugLogger = { isEnabled: false, add: () => {} } as unknown as Parameters<typeof validateConfiguration>[1];

async function loadConfig(): Promise<Configuration> {
  return getConfig(root, null, null);
}

type Target = { target: string; arch?: string[] };
const targetsOf = (platform: { target?: unknown } | null | undefined) => (platform?.target ?? []) as Target[];

describe('electron-builder.yml', () => {
  it('passes electron-builder\'s configuration validator', async () => {
    const config = await loadConfig();
    await expect(validateConfiguration(config, silentDebugLogger)).resolves.toBeUndefined();
  });

  it('is really validated: the same validator refuses a broken copy', async () => {
    const config = await loadConfig();
    const broken = { ...config, msi: { ...config.msi, perMachine: 'sometimes' }, notAnOption: true } as unknown as Configuration;
    await expect(validateConfiguration(broken, silentDebugLogger)).rejects.toThrow(/Invalid configuration object/);
  });

  it('uses the app identity of main/app/identity.ts', async () => {
    const config = await loadConfig();
    expect(config.appId).toBe(appIdentity.appId);
    expect(config.productName).toBe(appIdentity.productName);
    const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { productName: string; main: string };
    expect(pkg.productName).toBe(appIdentity.productName);
    const schemes = (config.protocols as { schemes: string[] }[]).flatMap((p) => p.schemes);
    expect(schemes).toEqual([appIdentity.protocol, 'tel', 'callto']);
  });

  it('packages only the build output, in an asar', async () => {
    const config = await loadConfig();
    expect(config.asar).toBe(true);
    expect(config.files).toEqual([{ filter: ['dist/**/*', 'package.json', '!dist/**/*.map', '!**/node_modules/**/*'] }]);
    const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { main: string };
    expect(pkg.main).toBe('dist/main/index.js');
  });

  it('builds a per-machine MSI with a fixed upgrade code, a Start-menu shortcut and the policy hook', async () => {
    const config = await loadConfig();
    expect(targetsOf(config.win).map((t) => t.target)).toEqual(['nsis', 'msi']);
    const msi = config.msi!;
    expect(msi.perMachine).toBe(true);
    expect(msi.createStartMenuShortcut).toBe(true);
    // A silent install (msiexec /qn) must not launch the app as SYSTEM.
    expect(msi.runAfterFinish).toBe(false);
    // Generated once for this product; changing it breaks every upgrade in the field.
    expect(msi.upgradeCode).toBe('8E171CA9-B05D-444C-B5FB-5CE0C11C0FFB');
    expect(config.msiProjectCreated).toBe('./build/msi/msi-project-created.mjs');
    // The hook's URL-protocol keys trip ICE33, a warning that -wx would turn into a failure.
    expect(msi.additionalLightArgs).toEqual(['-sice:ICE33']);
  });

  it('builds a per-user NSIS installer that needs no admin rights', async () => {
    const config = await loadConfig();
    expect(config.nsis).toMatchObject({ oneClick: true, perMachine: false, allowElevation: false });
  });

  it('publishes updates to a generic URL', async () => {
    const config = await loadConfig();
    expect(config.publish).toMatchObject({ provider: 'generic' });
    expect((config.publish as { url: string }).url).toMatch(/^https:\/\//);
  });

  it('sets the security fuses', async () => {
    const config = await loadConfig();
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: true,
    });
  });

  it('builds DMG and ZIP for macOS with the hardened runtime, notarisation and usage strings', async () => {
    const config = await loadConfig();
    const mac = config.mac!;
    expect(targetsOf(mac).map((t) => t.target)).toEqual(['dmg', 'zip']);
    expect(mac.hardenedRuntime).toBe(true);
    expect(mac.notarize).toBe(true);
    expect(mac.entitlements).toBe('build/entitlements.mac.plist');
    expect(mac.entitlementsInherit).toBe('build/entitlements.mac.plist');
    const info = mac.extendInfo as Record<string, unknown>;
    expect(info.NSMicrophoneUsageDescription).toMatch(/microphone/);
    expect(info.NSCameraUsageDescription).toMatch(/camera/);
    expect(info.CFBundleLocalizations).toEqual(['en', 'es']);
  });

  it('ships the usage strings in English and Spanish', async () => {
    const config = await loadConfig();
    const resources = config.mac!.extraResources as { from: string; to: string }[];
    for (const language of ['en', 'es']) {
      const entry = resources.find((r) => r.to === `${language}.lproj/InfoPlist.strings`);
      expect(entry, language).toBeDefined();
      const strings = readFileSync(`${root}${entry!.from}`, 'utf8');
      for (const key of ['NSMicrophoneUsageDescription', 'NSCameraUsageDescription']) {
        expect(strings, `${language} ${key}`).toMatch(new RegExp(`^"${key}" = ".+";$`, 'm'));
      }
    }
    expect(readFileSync(`${root}build/mac/es.lproj/InfoPlist.strings`, 'utf8')).toMatch(/micrófono/);
  });

  it('grants exactly microphone, camera and JIT', () => {
    const entitlements = parsePlist(readFileSync(`${root}build/entitlements.mac.plist`, 'utf8')) as Record<string, unknown>;
    expect(entitlements).toEqual({
      'com.apple.security.cs.allow-jit': true,
      'com.apple.security.device.audio-input': true,
      'com.apple.security.device.camera': true,
    });
  });
});
