/**
 * Screen sharing in Electron: when the renderer's getDisplayMedia asks (the Calling SDK's
 * startScreenSharing), main lists the screens and windows, asks the renderer to show its own
 * picker (calls:screenShareRequest), and waits for the user's choice (calls:screenShareChoose).
 * No choice within the time limit, a second request, or a request from anything but the app's
 * own frame means no sharing.
 */
import { randomUUID } from 'node:crypto';
import type { ScreenShareSource } from '../../contract/channels-calls.js';

export interface ScreenSharePickerDeps {
  /** Sends the choice to the renderer (the calls:screenShareRequest event). */
  ask: (request: { requestId: string; sources: ScreenShareSource[] }) => void;
  /** A request ended without the renderer's answer (timed out, replaced): its picker must close. */
  closed?: (requestId: string) => void;
  /** How long the user has to choose before the request is refused. */
  timeoutMs?: number;
}

export const defaultPickTimeoutMs = 60_000;

interface Pending {
  requestId: string;
  sourceIds: Set<string>;
  resolve: (sourceId: string | null) => void;
  timer: ReturnType<typeof setTimeout>;
}

export class ScreenSharePicker {
  private pending: Pending | null = null;

  constructor(private readonly deps: ScreenSharePickerDeps) {}

  /** Shows the picker; resolves with the chosen source id, or null when the user did not choose. */
  pick(sources: ScreenShareSource[]): Promise<string | null> {
    this.settle(null, { tellRenderer: true });
    if (sources.length === 0) return Promise.resolve(null);
    return new Promise((resolve) => {
      const requestId = randomUUID();
      const timer = setTimeout(() => this.settle(null, { tellRenderer: true }), this.deps.timeoutMs ?? defaultPickTimeoutMs);
      this.pending = { requestId, sourceIds: new Set(sources.map((s) => s.id)), resolve, timer };
      this.deps.ask({ requestId, sources });
    });
  }

  /** The renderer's answer; '' cancels. Unknown requests or sources are ignored (and refuse). */
  choose(requestId: string, sourceId: string): void {
    const pending = this.pending;
    if (!pending || pending.requestId !== requestId) return;
    this.settle(sourceId !== '' && pending.sourceIds.has(sourceId) ? sourceId : null);
  }

  private settle(sourceId: string | null, options: { tellRenderer?: boolean } = {}): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = null;
    clearTimeout(pending.timer);
    // Before the refusal reaches the SDK, so the renderer knows it was no failure.
    if (options.tellRenderer) this.deps.closed?.(pending.requestId);
    pending.resolve(sourceId);
  }
}
