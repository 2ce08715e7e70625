/**
 * Bundled into the e2e page after sign-in: builds a CallClient from the app's shared credential
 * (renderer/auth/credential.ts, over the real bridge to the real main services) and creates a
 * CallAgent with the real Calling SDK — what the calling feature does once signed in.
 */
import { CallClient } from '@azure/communication-calling';
import { getSharedCredential } from '../../../renderer/auth/credential.js';

declare global {
  interface Window {
    __createCallAgentFromSharedCredential?: () => Promise<{ communicationUserId: string; agentKind: string; tokenFromCredential: string; sameCredential: boolean }>;
  }
}

window.__createCallAgentFromSharedCredential = async () => {
  const shared = await getSharedCredential();
  const again = await getSharedCredential();
  const client = new CallClient();
  const agent = await client.createCallAgent(shared.credential, { displayName: 'E2E' });
  const result = {
    communicationUserId: shared.communicationUserId,
    agentKind: agent.kind,
    tokenFromCredential: (await shared.credential.getToken()).token,
    sameCredential: shared.credential === again.credential,
  };
  await agent.dispose();
  return result;
};
