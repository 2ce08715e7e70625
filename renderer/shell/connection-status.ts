/**
 * The one connection state the status area shows, from what is actually known: the OS's
 * network, sign-in, and the calling agent's own connection (the part that makes calls ring).
 * "Online" from navigator.onLine alone said nothing about whether calls can come in.
 */
import type { ConnectionState, ConnectionStateChangedReason } from '@azure/communication-calling';
import type { AgentPhase } from '../calling/calling-service.svelte.js';

export type ConnectionStatus = 'offline' | 'signedOut' | 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

export interface ConnectionInputs {
  /** The OS reports a network. */
  online: boolean;
  signedIn: boolean;
  /** The calling agent's lifecycle; null before calling exists. */
  phase: AgentPhase | null;
  /** The agent's connection as the SDK reports it. */
  connection: ConnectionState | null;
  /** Why it last changed; null until it changed once (an agent that never connected yet). */
  connectionReason: ConnectionStateChangedReason | null;
}

export function connectionStatus(inputs: ConnectionInputs): ConnectionStatus {
  if (!inputs.online) return 'offline';
  if (!inputs.signedIn) return 'signedOut';
  switch (inputs.phase) {
    case 'ready':
      if (inputs.connection === 'Connected') return 'connected';
      // Disconnected after having been connected: the SDK is working on it.
      return inputs.connectionReason ? 'reconnecting' : 'connecting';
    case 'reconnecting':
      return 'reconnecting';
    case 'failed':
      // The agent gave up (the Calls view offers Retry): saying "reconnecting" would be a lie.
      return 'disconnected';
    default:
      // Signed in, calling still loading or starting.
      return 'connecting';
  }
}
