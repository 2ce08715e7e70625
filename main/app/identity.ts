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
  /**
   * Windows toast activator (COM class) for the Action Center: fixed so toasts left there
   * still activate this app after an update (a random one per run would orphan them). Derived
   * once as UUID v5 of "com.acssoftphone.desktop/toast-activator"; never change it.
   */
  toastActivatorClsid: '{71C0A3BF-A3E2-5D52-BAB2-D5ADC06DAED9}',
} as const;
