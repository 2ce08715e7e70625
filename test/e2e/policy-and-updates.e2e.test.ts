/**
 * IT-managed configuration and updates, end to end: the built renderer in Chromium over the
 * real main services, with policy read by the real readers — the Windows registry reader from
 * recorded reg.exe output, the policy.json reader from a real file — and electron-updater
 * replaced by a double the test drives.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JsonFilePolicySource } from '../../main/policy/json-file-source.js';
import { ManagedPolicy } from '../../main/policy/managed-policy.js';
import { readTextFileIfPresent } from '../../main/policy/node-policy-adapters.js';
import type { CommandRunner } from '../../main/policy/policy-source.js';
import { policyFileName, policySourcesFor } from '../../main/policy/policy-sources.js';
import { closeBrowser, repoRoot, startHarness } from '../harness/harness.js';
import { fakeUpdater } from '../fixtures/fake-updater.js';
import { tempDir } from '../fixtures/main-services.js';

afterAll(closeBrowser);

const fixture = (name: string) => readFileSync(join(repoRoot, 'test/fixtures/policy', name), 'utf8');
const missing = fixture('reg-query-missing.stderr.txt');

/** HKLM as recorded in the fixture; no HKCU key (reg.exe fails, Software\Policies lists no vendor); no policy.json. */
async function machinePolicy() {
  const run: CommandRunner = async (_file, args) => {
    if (args[1]?.startsWith('HKLM')) return { exitCode: 0, stdout: fixture('reg-query-hklm.stdout.txt'), stderr: '' };
    if (args[1] === 'HKCU\\Software\\Policies') return { exitCode: 0, stdout: fixture('reg-query-policies-hkcu.stdout.txt'), stderr: '' };
    return { exitCode: 1, stdout: '', stderr: missing };
  };
  return ManagedPolicy.load(policySourcesFor({ platform: 'win32', programData: 'C:\\ProgramData', userName: 'maria', run, readFile: async () => null, readTextFile: async () => null }));
}

/** A real policy.json file, saved as Notepad saves it, and the real reader over it. */
function policyFile(json: object) {
  const path = join(tempDir('acs-softphone-policy-'), policyFileName);
  const save = (content: object) => writeFileSync(path, `\uFEFF${JSON.stringify(content, null, 2)}`);
  save(json);
  return { save, load: () => ManagedPolicy.load([new JsonFilePolicySource(path, readTextFileIfPresent)]) };
}

/** The real policy.json reader over a real file, as the app reads it at start-up. */
function policyFromFile(json: object) {
  return policyFile(json).load();
}

describe('managed configuration', () => {
  it('with a managed token service URL, the sign-in screen does not offer to change it and Settings shows it locked', async () => {
    const managedUrl = 'https://tokens.contoso.com/';
    const h = await startHarness({ deps: { policy: await policyFromFile({ $comment: 'IT', tokenServiceUrl: managedUrl }) } });
    const { page } = h;
    await page.getByRole('heading', { name: 'Sign in to ACS Softphone' }).waitFor();
    expect(await page.getByText(`Your organisation's token service: ${managedUrl}`).isVisible()).toBe(true);
    expect(await page.getByLabel('Token service address').count()).toBe(0);

    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const managed = page.getByRole('region', { name: 'Managed by your organisation' });
    await expect.poll(() => managed.isVisible()).toBe(true);
    const row = managed.locator('[data-setting="tokenServiceUrl"]');
    expect(await row.locator('.value').textContent()).toBe(managedUrl);
    expect(await row.textContent()).toContain('Set by your organisation · from the policy.json file');
    expect(await managed.locator('.problems li').count()).toBe(0);
    // And main holds to it whatever a page asks.
    const refused = await page.evaluate(() => window.softphone!.settings.set({ tokenServiceUrl: 'https://evil.example.com' }));
    expect(refused).toMatchObject({ ok: false, error: { messageKey: 'errors:settings.locked' } });
    await h.close();
  });

  it('offers a restart when IT changes the policy while the app runs, and restarts on the click', async () => {
    const file = policyFile({ allowVideo: false });
    const relaunched: string[] = [];
    const h = await startHarness({ deps: { policy: await file.load(), reloadPolicy: file.load, relaunch: () => relaunched.push('relaunch') } });
    const { page } = h;
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    const banner = page.getByRole('status').filter({ hasText: "Your organisation has changed ACS Softphone's settings." });
    // Read again with nothing changed: no banner.
    expect(await h.services.policyRefresh!.check()).toBe(false);
    file.save({ allowVideo: false, $comment: 'only a comment changed' });
    expect(await h.services.policyRefresh!.check()).toBe(false);
    expect(await banner.count()).toBe(0);

    file.save({ allowVideo: true });
    expect(await h.services.policyRefresh!.check()).toBe(true);
    await banner.waitFor();
    expect(h.logger.lines).toContainEqual({ level: 'info', message: 'policy: managed settings changed, a restart applies them', fields: { settings: ['allowVideo'] } });
    await banner.getByRole('button', { name: 'Restart now' }).click();
    await expect.poll(() => relaunched).toEqual(['relaunch']);
    await h.close();
  });

  it('shows start at login locked when the organisation sets it', async () => {
    const h = await startHarness({ deps: { policy: await policyFromFile({ startAtLogin: true }) } });
    await h.page.getByRole('button', { name: 'Settings', exact: true }).click();
    const startAtLogin = h.page.getByLabel('Start when I sign in to the computer');
    await startAtLogin.waitFor();
    expect(await startAtLogin.isChecked()).toBe(true);
    expect(await startAtLogin.isDisabled()).toBe(true);
    // The Away delay stays the user's own.
    await h.page.getByLabel('Show me as Away after (minutes)').fill('5');
    await h.page.getByLabel('Show me as Away after (minutes)').press('Enter');
    await expect.poll(() => h.services.settings.get('awayAfterMinutes')).toBe(5);
    await h.close();
  });

  it('shows a managed token service URL as set by the organisation, locks managed switches and lists ignored values for the admin', async () => {
    const h = await startHarness({ deps: { policy: await machinePolicy() } });
    const { page } = h;
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const managed = page.getByRole('region', { name: 'Managed by your organisation' });
    await expect.poll(() => managed.isVisible()).toBe(true);

    const tokenRow = managed.locator('[data-setting="tokenServiceUrl"]');
    expect(await tokenRow.locator('dt').textContent()).toBe('Token service URL');
    expect(await tokenRow.locator('.value').textContent()).toBe('https://tokens.contoso.com');
    expect(await tokenRow.textContent()).toContain('Set by your organisation · from Windows machine policy (HKLM)');

    // allowVideo is REG_DWORD 0 in HKLM: unchecked and locked.
    const video = page.getByLabel('Allow video');
    expect(await video.isChecked()).toBe(false);
    expect(await video.isDisabled()).toBe(true);
    // defaultCountry ES is managed too; callerId's managed value was invalid, so it stays the user's.
    expect(await page.getByLabel('Default country for phone numbers').inputValue()).toBe('ES');
    expect(await page.getByLabel('Default country for phone numbers').isDisabled()).toBe(true);
    expect(await page.getByLabel('Caller ID for phone calls').isDisabled()).toBe(false);

    const problems = await managed.locator('.problems li').allTextContents();
    expect(problems).toEqual([
      'Caller ID in Windows machine policy (HKLM) has a value that is not allowed.',
      'Start at sign-in in Windows machine policy (HKLM) has a value that is not allowed.',
      'Language in Windows machine policy (HKLM) has a value of the wrong type (for example a list where text is expected, or text where on/off is expected).',
      '"tokenServiceUrll" in Windows machine policy (HKLM) is not a setting ACS Softphone knows.',
    ]);
    // Main refuses to change a managed value even if a page tried.
    const refused = await page.evaluate(() => window.softphone!.settings.set({ tokenServiceUrl: 'https://evil.example.com' }));
    expect(refused).toMatchObject({ ok: false, error: { messageKey: 'errors:settings.locked' } });

    mkdirSync(join(repoRoot, 'docs/screenshots'), { recursive: true });
    await page.screenshot({ path: join(repoRoot, 'docs/screenshots/settings-managed-en.png'), fullPage: true });
    await h.close();
  });

  it('says the same in Spanish', async () => {
    const h = await startHarness({ deps: { policy: await machinePolicy() }, preferredLanguages: ['es-ES'], browserLocale: 'es-ES' });
    const { page } = h;
    await page.getByRole('button', { name: 'Configuración', exact: true }).click();
    const managed = page.getByRole('region', { name: 'Administrado por su organización' });
    await expect.poll(() => managed.isVisible()).toBe(true);
    expect(await managed.locator('[data-setting="tokenServiceUrl"]').textContent()).toContain('Directiva de equipo de Windows (HKLM)');
    expect(await page.getByLabel('Permitir vídeo').isDisabled()).toBe(true);
    await h.close();
  });

  it('shows no managed section without policy, and lets the user edit those settings', async () => {
    const h = await startHarness();
    const { page } = h;
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByLabel('Caller ID for phone calls').waitFor();
    expect(await page.getByRole('region', { name: 'Managed by your organisation' }).count()).toBe(0);
    await page.getByLabel('Caller ID for phone calls').fill('+1 (425) 555-0123');
    await page.getByLabel('Caller ID for phone calls').press('Enter');
    await expect.poll(() => h.services.settings.get('callerId')).toBe('+14255550123');
    await page.getByLabel('Default country for phone numbers').fill('e1');
    await page.getByLabel('Default country for phone numbers').press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Enter a two-letter country code, such as US or ES.');
    expect(h.services.settings.get('defaultCountry')).toBe('US');
    await page.getByLabel('Allow chat').uncheck();
    await expect.poll(() => h.services.settings.get('allowChat')).toBe(false);
    await h.close();
  });
});

describe('updates', () => {
  it('shows download progress, then "Restart to update", and waits for the call to end', async () => {
    const fake = fakeUpdater();
    let inCall = true;
    const h = await startHarness({ deps: { updates: { updater: fake.updater, installKind: 'self-updating' }, isCallActive: () => inCall } });
    const { page } = h;
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('button', { name: 'Check now' }).waitFor();
    fake.play().available('0.2.0');
    fake.play().progress(40);
    await expect.poll(() => page.getByRole('progressbar', { name: 'Download progress' }).getAttribute('value')).toBe('40');
    fake.play().downloaded('0.2.0');
    const banner = page.getByRole('status').filter({ hasText: 'Version 0.2.0 of ACS Softphone is ready.' });
    await expect.poll(() => banner.isVisible()).toBe(true);
    await banner.getByRole('button', { name: 'Restart to update' }).click();
    await expect.poll(() => banner.textContent()).toContain('The app will restart to update when your call ends.');
    expect(fake.calls.installs).toBe(0);
    inCall = false;
    h.services.updates.callActivityChanged(false);
    expect(fake.calls.installs).toBe(1);
    await h.close();
  });

  it('lets the user turn updates off, unless policy decides', async () => {
    const fake = fakeUpdater();
    const h = await startHarness({ deps: { updates: { updater: fake.updater, installKind: 'self-updating' } } });
    await h.page.getByRole('button', { name: 'Settings', exact: true }).click();
    await h.page.getByLabel('Update automatically').uncheck();
    await expect.poll(() => h.page.getByText('You turned automatic updates off.').isVisible()).toBe(true);
    await h.close();

    const policy = await ManagedPolicy.load([{ id: 'policy-file', read: async () => ({ status: 'found', entries: [{ name: 'autoUpdate', value: false }] }) }]);
    const managed = await startHarness({ deps: { policy, updates: { updater: fakeUpdater().updater, installKind: 'self-updating' } } });
    await managed.page.getByRole('button', { name: 'Settings', exact: true }).click();
    await expect.poll(() => managed.page.getByText('Your organisation turned automatic updates off.').isVisible()).toBe(true);
    expect(await managed.page.getByLabel('Update automatically').isDisabled()).toBe(true);
    await managed.close();
  });

  it('explains why an MSI install does not update itself', async () => {
    const fake = fakeUpdater();
    const h = await startHarness({ deps: { updates: { updater: fake.updater, installKind: 'managed' } } });
    const { page } = h;
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await expect.poll(() => page.getByText('Your organisation installed this copy and keeps it up to date.').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Check now' }).count()).toBe(0);
    expect(await page.getByLabel('Update automatically').count()).toBe(0);
    expect(fake.calls.checks).toBe(0);
    await h.close();
  });
});
