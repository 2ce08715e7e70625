/**
 * The app's fixed identity. appId is the Windows AppUserModelID, the macOS bundle ID and the
 * policy path; electron-builder.yml must use the same values (a test checks it). Never change
 * them after a release: notifications, policies and upgrades are keyed on them.
 */
export const appIdentity = {
  appId: 'com.acssoftphone.desktop',
  productName: 'ACS Softphone',
  vendor: 'ACS Softphone',
  protocol: 'acs-softphone',
} as const;
