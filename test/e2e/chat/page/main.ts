/**
 * The chat e2e page: the app's real ChatView and ChatRuntime (with the real bridge, main
 * services and Chat SDK browser build), given the session that sign-in gives chat in the app.
 * The test sets the session through `window.__chatE2E` before the page loads. Chat inside the
 * real shell (sign-in, calls, notifications, policy) is tested in chat-in-shell.e2e.test.ts.
 */
import { mount } from 'svelte';
import { AzureCommunicationTokenCredential } from '@azure/communication-common';
import ChatView from '../../../../renderer/chat/ChatView.svelte';
import { ChatRuntime } from '../../../../renderer/chat/chat-runtime.svelte.js';
import { i18n } from '../../../../renderer/i18n/i18n.svelte.js';
import type { ChatServiceTiming } from '../../../../renderer/chat/core/chat-service.js';
import '../../../../renderer/shell/theme.css';

declare global {
  interface Window {
    __chatE2E?: { endpoint: string; token: string; userId: string; displayName: string; locale?: 'en' | 'es'; timing?: Partial<ChatServiceTiming> };
  }
}

const config = window.__chatE2E;
if (!config) throw new Error('window.__chatE2E is not set');
await i18n.setLocale(config.locale ?? 'en');
const runtime = new ChatRuntime({
  input: {
    credential: new AzureCommunicationTokenCredential(config.token),
    endpoint: config.endpoint,
    userId: config.userId,
    displayName: config.displayName,
  },
  api: window.softphone ?? null,
  ...(config.timing ? { timing: config.timing } : {}),
});
void runtime.start();
mount(ChatView, { target: document.getElementById('app')!, props: { runtime } });
