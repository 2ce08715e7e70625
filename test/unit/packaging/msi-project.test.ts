/**
 * The MSI hook against the WiX project electron-builder really generates: its own template
 * (app-builder-lib/templates/msi/template.xml) rendered the way MsiTarget renders it, then our
 * additions checked element by element. Compiling it needs WiX on Windows (or Wine), which
 * this machine does not have: see docs/packaging.md.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import {
  addMachineConfiguration,
  installerStateKey,
  mainExecutableName,
  msiInstallMarkerName,
  msiInstallMarkerText,
  msiPolicyProperties,
  msiProjectCreated,
  policyFolderSddl,
  policyRegistryKey,
  runKey,
} from '../../../build/msi/msi-project-created.mjs';
import { hiddenFlag } from '../../../main/tray/login-item.js';
import { windowsPolicyFilePath } from '../../../main/policy/policy-sources.js';
import { msiInstallMarkerName as markerTheAppLooksFor } from '../../../main/updates/install-kind.js';
import { appIdentity } from '../../../main/app/identity.js';

const require = createRequire(import.meta.url);
const ejs = require('ejs') as { compile(template: string): (data: Record<string, unknown>) => string };

/** electron-builder's own MSI project for this app (MsiTarget.writeManifest, minus file walking). */
function electronBuilderProject(): string {
  const template = readFileSync(require.resolve('app-builder-lib/templates/msi/template.xml'), 'utf8')
    .replace(/{{/g, '<%')
    .replace(/}}/g, '%>')
    .replace(/\${([^}]+)}/g, '<%=$1%>');
  return ejs.compile(template)({
    productName: 'ACS Softphone',
    upgradeCode: '8E171CA9-B05D-444C-B5FB-5CE0C11C0FFB',
    version: '0.1.0.0',
    manufacturer: 'ACS Softphone',
    compressionLevel: 'high',
    iconPath: null,
    iconId: 'ACSSoftphoneIcon.exe',
    isRunAfterFinish: false,
    isAssisted: false,
    isPerMachine: true,
    isCreateDesktopShortcut: false,
    isCreateStartMenuShortcut: true,
    menuCategory: null,
    programFilesId: 'ProgramFiles64Folder',
    installationDirectoryWixName: 'ACS Softphone',
    dirs: '',
    files: '<Component>\n        <File Name="ACS Softphone.exe" Source="$(var.appDir)\\ACS Softphone.exe" ReadOnly="yes" KeyPath="yes" Id="mainExecutable"/>\n      </Component>',
  });
}

type Node = Record<string, unknown>;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name, _path, _leaf, isAttribute) => !isAttribute && ['Component', 'Property', 'SetProperty', 'RegistryValue', 'ComponentGroupRef', 'ComponentGroup', 'Directory', 'DirectoryRef'].includes(name) });

function product(projectXml: string): Node {
  return ((parser.parse(projectXml) as Node).Wix as Node).Product as Node;
}

describe('MSI project additions', () => {
  const base = electronBuilderProject();
  const project = addMachineConfiguration(base);
  const p = product(project);
  const groups = p.ComponentGroup as Node[];
  const ours = groups.find((g) => g.Id === 'AcsSoftphoneMachineConfiguration')!;
  const components = ours.Component as Node[];
  const properties = p.Property as Node[];
  const registryValues = components.flatMap((c) => (c.RegistryValue as Node[] | undefined) ?? []);

  it('starts from a per-machine electron-builder project and stays well-formed', () => {
    expect(base).toContain('<Property Id="ALLUSERS" Secure="yes" Value="1"/>');
    expect(XMLValidator.validate(project)).toBe(true);
  });

  it('installs our components with the product feature', () => {
    const refs = ((p.Feature as Node).ComponentGroupRef as Node[]).map((r) => r.Id);
    expect(refs).toEqual(['ProductComponents', 'AcsSoftphoneMachineConfiguration']);
  });

  it('declares every public property as secure (so it reaches the elevated install)', () => {
    for (const { property } of msiPolicyProperties) {
      expect(properties, property).toContainEqual({ Id: property, Secure: 'yes' });
    }
  });

  it('writes each property, only when given, as machine policy where the app reads it', () => {
    for (const { property, key, guid } of msiPolicyProperties) {
      const component = components.find((c) => c.Guid === `{${guid}}`);
      expect(component, property).toBeDefined();
      expect(component!.Condition).toBe(property);
      expect(component!.RegistryValue).toContainEqual({ Root: 'HKLM', Key: policyRegistryKey, Name: key, Type: 'string', Value: `[${property}]`, KeyPath: 'yes' });
      expect(component!.RegistryValue).toContainEqual({ Root: 'HKLM', Key: installerStateKey, Name: key, Type: 'string', Value: `[${property}]` });
    }
  });

  it('remembers a property across upgrades unless the command line gives a new value', () => {
    const setProperties = p.SetProperty as Node[];
    for (const { property, key } of msiPolicyProperties) {
      const saved = properties.find((x) => x.Id === `SAVED_${property}`);
      expect(saved?.RegistrySearch, property).toMatchObject({ Root: 'HKLM', Key: installerStateKey, Name: key, Type: 'raw' });
      expect(setProperties, property).toContainEqual({ Id: property, Value: `[SAVED_${property}]`, After: 'AppSearch', Sequence: 'both', '#text': `SAVED_${property} AND NOT ${property}` });
    }
  });

  it('drops the marker file the app looks for beside its executable', () => {
    expect(msiInstallMarkerName).toBe(markerTheAppLooksFor);
    const marker = components.find((c) => c.Id === 'MsiInstallMarker')!;
    expect(marker.Directory).toBe('APPLICATIONFOLDER');
    expect(marker.File).toMatchObject({ Name: markerTheAppLooksFor, Source: markerTheAppLooksFor, KeyPath: 'yes' });
  });

  it('registers acs-softphone: outright and offers itself for tel: and callto:', () => {
    const command = '"[APPLICATIONFOLDER]ACS Softphone.exe" "%1"';
    expect(registryValues).toContainEqual(expect.objectContaining({ Key: 'Software\\Classes\\acs-softphone', Name: 'URL Protocol' }));
    expect(registryValues).toContainEqual(expect.objectContaining({ Key: 'Software\\Classes\\acs-softphone\\shell\\open\\command', Value: command }));
    for (const scheme of ['acs-softphone', 'tel', 'callto']) {
      expect(registryValues).toContainEqual(expect.objectContaining({ Key: 'Software\\ACS Softphone\\ACS Softphone\\Capabilities\\URLAssociations', Name: scheme, Value: 'ACSSoftphone.Url' }));
    }
    expect(registryValues).toContainEqual(expect.objectContaining({ Key: 'Software\\RegisteredApplications', Name: 'ACS Softphone' }));
    expect(registryValues.filter((v) => v.Key === 'Software\\Classes\\tel')).toEqual([]);
  });

  it('with START_AT_LOGIN=1 (or true), starts the app hidden at every user\'s sign-in through a machine Run entry', () => {
    const run = components.find((c) => c.Id === 'StartAtLogin')!;
    expect(run.Condition).toBe('START_AT_LOGIN = "1" OR START_AT_LOGIN ~= "true"');
    // Re-evaluated on a later msiexec run, so START_AT_LOGIN=0 takes the entry away again.
    expect(run.Transitive).toBe('yes');
    expect(run.RegistryValue).toEqual([
      { Root: 'HKLM', Key: runKey, Name: 'ACS Softphone', Type: 'string', Value: `"[APPLICATIONFOLDER]${mainExecutableName}" ${hiddenFlag}`, KeyPath: 'yes' },
    ]);
    expect(runKey).toBe('Software\\Microsoft\\Windows\\CurrentVersion\\Run');
  });

  it('creates the folder the app reads policy.json from, writable by administrators only', () => {
    const refs = p.DirectoryRef as Node[];
    const appData = ((refs.find((r) => r.Id === 'TARGETDIR')!.Directory as Node[])[0]!) as Node;
    expect(appData.Id).toBe('CommonAppDataFolder');
    const vendor = (appData.Directory as Node[])[0]!;
    const folder = (vendor.Directory as Node[])[0]!;
    // The same folder as main/policy/policy-sources.ts, under whatever %ProgramData% is.
    expect(windowsPolicyFilePath('C:\\ProgramData')).toBe(`C:\\ProgramData\\${vendor.Name}\\${folder.Name}\\policy.json`);
    const component = components.find((c) => c.Id === 'PolicyFolder')!;
    expect(component.Directory).toBe(folder.Id);
    expect(component.CreateFolder).toEqual({ PermissionEx: { Sddl: policyFolderSddl } });
    // Protected (not inheriting ProgramData's "users may create files"); users read only.
    expect(policyFolderSddl).toMatch(/D:PAI/);
    expect(policyFolderSddl).toContain('(A;OICI;FRFX;;;BU)');
    expect(policyFolderSddl).not.toMatch(/;(FA|FW|GA|GW)[^)]*;;;(BU|WD|AU)\)/);
  });

  it('names the executable electron-builder installs (its productFilename + .exe)', () => {
    expect(mainExecutableName).toBe(`${appIdentity.productName}.exe`);
    expect(base).toContain(`<File Name="${mainExecutableName}"`);
  });

  it('uses unique component ids and GUIDs, none equal to the upgrade code', () => {
    const ids = components.map((c) => c.Id);
    const guids = components.map((c) => c.Guid);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(guids).size).toBe(guids.length);
    expect(guids).not.toContain('{8E171CA9-B05D-444C-B5FB-5CE0C11C0FFB}');
  });

  it('is idempotent and refuses a template it does not recognise', () => {
    expect(addMachineConfiguration(project)).toBe(project);
    expect(() => addMachineConfiguration('<Wix><Product></Product></Wix>')).toThrow(/template changed/);
  });

  it('rewrites the project file and writes the marker beside it (the hook electron-builder calls)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'msi-hook-'));
    const file = join(dir, 'project.wxs');
    writeFileSync(file, base);
    await msiProjectCreated(file);
    expect(readFileSync(file, 'utf8')).toBe(project);
    expect(readFileSync(join(dir, msiInstallMarkerName), 'utf8')).toBe(msiInstallMarkerText);
  });
});
