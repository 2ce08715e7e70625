/**
 * The shell's "restart to apply your organisation's settings" banner: hidden until main says IT
 * changed the managed settings (asked only after the first paint, or announced by
 * policy:changed), then Restart now, with main's refusal said in the user's language.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../../../renderer/App.svelte';
import PolicyRestartBanner from '../../../../renderer/policy/PolicyRestartBanner.svelte';
import { i18n } from '../../../../renderer/i18n/i18n.svelte.js';
import type { IpcResult } from '../../../../contract/index.js';
import { failure, fakeSoftphone, type Answers } from '../fake-softphone.js';
import { holdFrames } from '../held-frames.js';

const bannerText = "Your organisation has changed ACS Softphone's settings. Restart the app to apply them.";
const inCall: IpcResult<never> = { ok: false, error: { code: 'internal', messageKey: 'policy:changed.inCall' } };

function withBridge(answers: Answers = {}) {
  const fake = fakeSoftphone(answers);
  window.softphone = fake.api;
  return fake;
}

/** Resolves once every invoke made so far has had its answer handled. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(async () => {
  await i18n.setLocale('en');
});

afterEach(() => {
  vi.unstubAllGlobals();
  delete window.softphone;
});

describe('PolicyRestartBanner', () => {
  it('stays hidden when nothing changed', async () => {
    const { calls } = withBridge({ 'policy:getChangeState': { restartNeeded: false } });
    render(PolicyRestartBanner);
    await waitFor(() => expect(calls).toContain('policy:getChangeState'));
    await settle();
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('stays hidden, without an error, when main cannot say', async () => {
    const { calls } = withBridge({ 'policy:getChangeState': () => failure });
    render(PolicyRestartBanner);
    await waitFor(() => expect(calls).toContain('policy:getChangeState'));
    await settle();
    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('asks main only once the first screen is painted, and then shows what it says', async () => {
    const frames = holdFrames();
    const { calls } = withBridge({ 'policy:getChangeState': { restartNeeded: true } });
    render(PolicyRestartBanner);
    await settle();
    expect(calls).not.toContain('policy:getChangeState');
    frames.paint();
    expect(await screen.findByRole('status')).toHaveTextContent(bannerText);
    expect(calls.filter((c) => c === 'policy:getChangeState')).toHaveLength(1);
  });

  it('shows when main announces a change, and hides when it announces the change undone', async () => {
    const { emit } = withBridge();
    render(PolicyRestartBanner);
    emit('policy:changed', { restartNeeded: true });
    expect(await screen.findByRole('status')).toHaveTextContent(bannerText);
    emit('policy:changed', { restartNeeded: false });
    await waitFor(() => expect(screen.queryByRole('status')).toBeNull());
  });

  it('keeps an announcement that came while the first answer was on its way', async () => {
    let answer!: (result: IpcResult<{ restartNeeded: boolean }>) => void;
    const { emit, calls } = withBridge({ 'policy:getChangeState': () => new Promise((resolve) => (answer = resolve)) });
    render(PolicyRestartBanner);
    await waitFor(() => expect(calls).toContain('policy:getChangeState'));
    emit('policy:changed', { restartNeeded: true });
    answer({ ok: true, value: { restartNeeded: false } });
    await settle();
    expect(screen.getByRole('status')).toHaveTextContent(bannerText);
  });

  it('restarts the app on Restart now', async () => {
    const { calls } = withBridge({ 'policy:getChangeState': { restartNeeded: true }, 'policy:restartToApply': undefined });
    render(PolicyRestartBanner);
    await fireEvent.click(await screen.findByRole('button', { name: 'Restart now' }));
    await waitFor(() => expect(calls).toContain('policy:restartToApply'));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says why main refused to restart during a call, and clears it on the next try', async () => {
    let refuse = true;
    withBridge({
      'policy:getChangeState': { restartNeeded: true },
      'policy:restartToApply': () => (refuse ? inCall : { ok: true, value: undefined }),
    });
    render(PolicyRestartBanner);
    await fireEvent.click(await screen.findByRole('button', { name: 'Restart now' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The app restarts once no call is in progress. Finish your call, then restart.');
    refuse = false;
    await fireEvent.click(screen.getByRole('button', { name: 'Restart now' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });

  it('speaks Spanish when the app does', async () => {
    await i18n.setLocale('es');
    withBridge({ 'policy:getChangeState': { restartNeeded: true }, 'policy:restartToApply': () => inCall });
    render(PolicyRestartBanner);
    expect(await screen.findByRole('status')).toHaveTextContent('Su organización ha cambiado la configuración de ACS Softphone. Reinicie la aplicación para aplicarla.');
    await fireEvent.click(screen.getByRole('button', { name: 'Reiniciar ahora' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('La aplicación se reinicia cuando no hay ninguna llamada en curso. Termine la llamada y reinicie.');
  });

  it('stops listening when it goes, and does not ask main after that', async () => {
    const frames = holdFrames();
    const { listenerCount, calls } = withBridge({ 'policy:getChangeState': { restartNeeded: true } });
    const { unmount } = render(PolicyRestartBanner);
    expect(listenerCount('policy:changed')).toBe(1);
    unmount();
    expect(listenerCount('policy:changed')).toBe(0);
    frames.paint();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(calls).not.toContain('policy:getChangeState');
  });

  it('shows nothing without the bridge', async () => {
    render(PolicyRestartBanner);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(document.body.textContent).toBe('');
  });

  it('is in the shell, whatever section is open', async () => {
    const { emit } = withBridge();
    render(App);
    await screen.findByRole('navigation', { name: 'Main' });
    await fireEvent.click(screen.getByRole('button', { name: /^Settings/ }));
    emit('policy:changed', { restartNeeded: true });
    expect(await screen.findByText(bannerText)).toBeInTheDocument();
  });
});
