/**
 * Start at login when IT manages it: the policy value writes the user's login item, and a
 * second start at login (the MSI's machine-wide Run entry plus the user's own login item)
 * stays hidden instead of bringing the window up at every sign-in.
 */
import { describe, expect, it } from 'vitest';
import { ManagedPolicy } from '../../../main/policy/managed-policy.js';
import { JsonFilePolicySource } from '../../../main/policy/json-file-source.js';
import { hiddenFlag } from '../../../main/tray/login-item.js';
import { recordingDesktop } from '../../fixtures/desktop-recorder.js';
import { startTestMainServices } from '../../fixtures/main-services.js';

describe('start at login, managed', () => {
  it('writes a hidden login item from policy and keeps a second login start hidden', async () => {
    const policy = await ManagedPolicy.load([new JsonFilePolicySource('/policy.json', async () => '{"startAtLogin": true}')]);
    const desktop = recordingDesktop();
    const { services } = startTestMainServices({ policy, desktop: desktop.desktop });
    expect(desktop.loginItems.at(-1)).toEqual({ openAtLogin: true, args: [hiddenFlag] });
    expect(services.settings.view().locked).toContain('startAtLogin');

    desktop.windowCalls.length = 0;
    services.desktop.secondInstance(['C:\\Program Files\\ACS Softphone\\ACS Softphone.exe', hiddenFlag]);
    expect(desktop.windowCalls).not.toContain('show');
    // Started again by hand, it still comes to the front.
    services.desktop.secondInstance(['C:\\Program Files\\ACS Softphone\\ACS Softphone.exe']);
    expect(desktop.windowCalls).toContain('show');
  });
});
