/**
 * The chat e2e page: the app's real ChatView (with the real bridge, main services and Chat
 * SDK browser build), given the chat session that sign-in gives it in the app. The test sets
 * the session through `window.__chatE2E` before the page loads.
 */
import { mount } from 'svelte';
import { AzureCommunicationTokenCredential } from '@azure/communication-common';
import ChatView from '../../../../renderer/chat/ChatView.svelte';
import { chatSession } from '../../../../renderer/chat/chat-session.svelte.js';
import { i18n } from '../../../../renderer/i18n/i18n.svelte.js';
import type { ChatServiceTiming } from '../../../../renderer/chat/core/chat-service.js';
import '../../../../renderer/shell/theme.css';

declare global {
  interface Window {
    /** What the calling feature would do: ask chat to open a 1:1, and be asked to call someone. */
    __chatE2EOpenWith?: (userId: string, displayName?: string) => void;
    __chatE2ECalls?: string[];
    __chatE2E?: { endpoint: string; token: string; userId: string; displayName: string; locale?: 'en' | 'es'; timing?: Partial<ChatServiceTiming> };
  }
}

window.__chatE2ECalls = [];
window.__chatE2EOpenWith = (userId, displayName) => chatSession.openConversationWith({ userId, ...(displayName ? { displayName } : {}) });
chatSession.callPerson = (userId) => window.__chatE2ECalls!.push(userId);

const config = window.__chatE2E;
if (!config) throw new Error('window.__chatE2E is not set');
await i18n.setLocale(config.locale ?? 'en');
mount(ChatView, {
  target: document.getElementById('app')!,
  props: {
    session: {
      credential: new AzureCommunicationTokenCredential(config.token),
      endpoint: config.endpoint,
      userId: config.userId,
      displayName: config.displayName,
    },
    ...(config.timing ? { timing: config.timing } : {}),
  },
});
