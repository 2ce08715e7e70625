// electron-builder `msiProjectCreated` hook (see electron-builder.yml): electron-builder writes
// its WiX project from app-builder-lib/templates/msi/template.xml, calls this with the path,
// then compiles it. We add, inside the same <Product>:
//   - public properties (TOKEN_SERVICE_URL=… on the msiexec command line) written as machine
//     policy under HKLM\Software\Policies\ACS Softphone\ACS Softphone, where the app reads it;
//     each is also kept under HKLM\Software\ACS Softphone\ACS Softphone\Installer so a later
//     upgrade without the property keeps the value (the WiX "remember property" pattern);
//   - a marker file beside the executable: the app never updates itself from an MSI install;
//   - URL-protocol registration for acs-softphone:, tel: and callto: (the MSI template has none);
//   - with START_AT_LOGIN=1, a machine-wide Run entry, so the app starts (hidden) at every
//     user's first sign-in too, not only after each user has started it once;
//   - %ProgramData%\ACS Softphone\ACS Softphone, where policy.json goes, writable only by
//     administrators (ProgramData lets every user create files in new folders by default).
// Why a hook and not a separate .wxs: the MSI target compiles only project.wxs (candle/light
// get a fixed object list), so extra fragments cannot be linked in; editing the generated
// project is the supported extension point.
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export const policyRegistryKey = 'Software\\Policies\\ACS Softphone\\ACS Softphone';
export const installerStateKey = 'Software\\ACS Softphone\\ACS Softphone\\Installer';
export const appRegistryKey = 'Software\\ACS Softphone\\ACS Softphone';
export const msiInstallMarkerName = 'msi-install.marker';

/** MSI public property → policy key (the registry value name the app reads). Never change GUIDs. */
export const msiPolicyProperties = [
  { property: 'TOKEN_SERVICE_URL', key: 'tokenServiceUrl', guid: '28653852-15CA-4B7E-B173-C68132E45EC4' },
  { property: 'OIDC_ISSUER', key: 'oidcIssuer', guid: '6D07D8FE-A775-43FA-9788-205DC5D6D5D0' },
  { property: 'OIDC_CLIENT_ID', key: 'oidcClientId', guid: '9F545379-CEF4-4D4E-A804-FB77177035C5' },
  { property: 'ACS_ENDPOINT', key: 'acsEndpoint', guid: 'E6DB4E44-8B6B-4262-AC8A-F324DD392B56' },
  { property: 'CALLER_ID', key: 'callerId', guid: '197685DE-3F0E-4797-89CD-65EACE344927' },
  { property: 'DEFAULT_COUNTRY', key: 'defaultCountry', guid: 'A529038F-A4F9-4425-AF85-8B195197CA7D' },
  { property: 'APP_LANGUAGE', key: 'language', guid: 'F645D95E-25F5-404D-8651-6F756939E8BE' },
  { property: 'START_AT_LOGIN', key: 'startAtLogin', guid: '2314DFEA-9C9C-4E99-9DAD-0FDDF0329010' },
  { property: 'ALLOW_VIDEO', key: 'allowVideo', guid: '5C9F9FD0-E926-445A-B0C1-2715CC2A9D38' },
  { property: 'ALLOW_SCREEN_SHARE', key: 'allowScreenShare', guid: 'A36F348A-923A-4582-B25C-CAD6A0DF7455' },
  { property: 'ALLOW_CHAT', key: 'allowChat', guid: 'BDD8149B-9A6E-4323-AEDC-70494D590F5F' },
  { property: 'ALLOW_PHONE_CALLS', key: 'allowPhoneCalls', guid: '5D7CF18A-07E9-47A2-A40A-A86D5879F592' },
];

const markerGuid = 'C259ED88-F539-497A-BBE0-46FE81140DC9';
const runAtLoginGuid = '881121F1-9BC0-4F79-8F77-8F917179E560';
const policyFolderGuid = 'D4C6D831-E3CC-4A94-871E-E5C53DFA2858';
export const runKey = 'Software\\Microsoft\\Windows\\CurrentVersion\\Run';
/** main/tray/login-item.ts: a start at login stays hidden in the tray. */
export const hiddenFlag = '--hidden';
/** SYSTEM and Administrators full control, Users read; not inherited from ProgramData. */
export const policyFolderSddl = 'O:BAG:SYD:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;FRFX;;;BU)';
const protocolsGuid = 'A8446670-6464-429C-9908-0FE4A666B056';
export const urlSchemes = ['acs-softphone', 'tel', 'callto'];
export const urlProgId = 'ACSSoftphone.Url';

const componentGroupId = 'AcsSoftphoneMachineConfiguration';
const featureAnchor = '<ComponentGroupRef Id="ProductComponents"/>';
const productEnd = '</Product>';

const pascal = (property) => property.toLowerCase().replace(/(^|_)([a-z])/g, (_m, _s, c) => c.toUpperCase());

function propertyElements({ property, key }) {
  const id = pascal(property);
  return [
    `<Property Id="${property}" Secure="yes"/>`,
    `<Property Id="SAVED_${property}" Secure="yes">`,
    `  <RegistrySearch Id="Saved${id}" Root="HKLM" Key="${installerStateKey}" Name="${key}" Type="raw"/>`,
    `</Property>`,
    // Only when the command line did not set it: a new value on upgrade wins over the old one.
    `<SetProperty Id="${property}" Value="[SAVED_${property}]" After="AppSearch" Sequence="both">SAVED_${property} AND NOT ${property}</SetProperty>`,
  ];
}

function policyComponent({ property, key, guid }) {
  const id = pascal(property);
  return [
    `<Component Id="Policy${id}" Directory="APPLICATIONFOLDER" Guid="{${guid}}">`,
    `  <Condition>${property}</Condition>`,
    `  <RegistryValue Root="HKLM" Key="${policyRegistryKey}" Name="${key}" Type="string" Value="[${property}]" KeyPath="yes"/>`,
    `  <RegistryValue Root="HKLM" Key="${installerStateKey}" Name="${key}" Type="string" Value="[${property}]"/>`,
    `</Component>`,
  ];
}

function markerComponent() {
  return [
    `<Component Id="MsiInstallMarker" Directory="APPLICATIONFOLDER" Guid="{${markerGuid}}">`,
    `  <File Id="MsiInstallMarker" Name="${msiInstallMarkerName}" Source="${msiInstallMarkerName}" KeyPath="yes"/>`,
    `</Component>`,
  ];
}

function runAtLoginComponent() {
  // Transitive: re-evaluated on a later msiexec run, so START_AT_LOGIN=0 removes the entry.
  return [
    `<Component Id="StartAtLogin" Directory="APPLICATIONFOLDER" Guid="{${runAtLoginGuid}}" Transitive="yes">`,
    `  <Condition>START_AT_LOGIN = "1" OR START_AT_LOGIN ~= "true"</Condition>`,
    `  <RegistryValue Root="HKLM" Key="${runKey}" Name="ACS Softphone" Type="string" Value="&quot;[APPLICATIONFOLDER]${mainExecutableName}&quot; ${hiddenFlag}" KeyPath="yes"/>`,
    `</Component>`,
  ];
}

function policyFolderComponent() {
  return [
    `<Component Id="PolicyFolder" Directory="AcsSoftphonePolicyFolder" Guid="{${policyFolderGuid}}">`,
    `  <CreateFolder>`,
    `    <PermissionEx Sddl="${policyFolderSddl}"/>`,
    `  </CreateFolder>`,
    `</Component>`,
  ];
}

const policyFolderDirectories = [
  '<DirectoryRef Id="TARGETDIR">',
  '  <Directory Id="CommonAppDataFolder">',
  '    <Directory Id="AcsSoftphonePolicyVendorFolder" Name="ACS Softphone">',
  '      <Directory Id="AcsSoftphonePolicyFolder" Name="ACS Softphone"/>',
  '    </Directory>',
  '  </Directory>',
  '</DirectoryRef>',
];

// By folder, not [#mainExecutable]: a file reference across components is ICE69, and
// electron-builder compiles with warnings as errors.
export const mainExecutableName = 'ACS Softphone.exe';

function protocolComponent() {
  const command = `&quot;[APPLICATIONFOLDER]${mainExecutableName}&quot; &quot;%1&quot;`;
  const lines = [`<Component Id="UrlProtocols" Directory="APPLICATIONFOLDER" Guid="{${protocolsGuid}}">`];
  // The app's own scheme is registered outright: nothing else claims it.
  lines.push(
    `  <RegistryValue Root="HKLM" Key="Software\\Classes\\acs-softphone" Type="string" Value="URL:ACS Softphone" KeyPath="yes"/>`,
    `  <RegistryValue Root="HKLM" Key="Software\\Classes\\acs-softphone" Name="URL Protocol" Type="string" Value=""/>`,
    `  <RegistryValue Root="HKLM" Key="Software\\Classes\\acs-softphone\\shell\\open\\command" Type="string" Value="${command}"/>`,
  );
  // tel: and callto: belong to whichever app the user (or IT's default-associations file)
  // chooses; an installer may only offer itself as a candidate through Capabilities.
  lines.push(
    `  <RegistryValue Root="HKLM" Key="Software\\Classes\\${urlProgId}" Type="string" Value="URL:ACS Softphone link"/>`,
    `  <RegistryValue Root="HKLM" Key="Software\\Classes\\${urlProgId}" Name="URL Protocol" Type="string" Value=""/>`,
    `  <RegistryValue Root="HKLM" Key="Software\\Classes\\${urlProgId}\\shell\\open\\command" Type="string" Value="${command}"/>`,
    `  <RegistryValue Root="HKLM" Key="${appRegistryKey}\\Capabilities" Name="ApplicationName" Type="string" Value="ACS Softphone"/>`,
    `  <RegistryValue Root="HKLM" Key="${appRegistryKey}\\Capabilities" Name="ApplicationDescription" Type="string" Value="Calls and chat on Azure Communication Services"/>`,
  );
  for (const scheme of urlSchemes) {
    lines.push(`  <RegistryValue Root="HKLM" Key="${appRegistryKey}\\Capabilities\\URLAssociations" Name="${scheme}" Type="string" Value="${urlProgId}"/>`);
  }
  lines.push(
    `  <RegistryValue Root="HKLM" Key="Software\\RegisteredApplications" Name="ACS Softphone" Type="string" Value="${appRegistryKey}\\Capabilities"/>`,
    `</Component>`,
  );
  return lines;
}

/** The WiX project with our additions; throws if electron-builder's template changed shape. */
export function addMachineConfiguration(projectXml) {
  if (!projectXml.includes(featureAnchor) || !projectXml.includes(productEnd)) {
    throw new Error('msi-project-created: the electron-builder MSI template changed; update build/msi/msi-project-created.mjs');
  }
  if (projectXml.includes(componentGroupId)) return projectXml;
  const components = [
    ...msiPolicyProperties.flatMap(policyComponent),
    ...markerComponent(),
    ...protocolComponent(),
    ...runAtLoginComponent(),
    ...policyFolderComponent(),
  ];
  const block = [
    '<!-- Added by build/msi/msi-project-created.mjs -->',
    ...msiPolicyProperties.flatMap(propertyElements),
    ...policyFolderDirectories,
    `<ComponentGroup Id="${componentGroupId}">`,
    ...components.map((line) => `  ${line}`),
    '</ComponentGroup>',
  ];
  return projectXml
    .replace(featureAnchor, `${featureAnchor}\n      <ComponentGroupRef Id="${componentGroupId}"/>`)
    .replace(productEnd, `${block.map((line) => `    ${line}`).join('\n').trimStart()}\n  ${productEnd}`);
}

/** The marker's content, for a human who finds it. */
export const msiInstallMarkerText = 'Installed by the ACS Softphone MSI. The app does not update itself; IT deploys new versions.\r\n';

export async function msiProjectCreated(projectFile) {
  const xml = await readFile(projectFile, 'utf8');
  await writeFile(join(dirname(projectFile), msiInstallMarkerName), msiInstallMarkerText);
  await writeFile(projectFile, addMachineConfiguration(xml));
}

export default msiProjectCreated;
