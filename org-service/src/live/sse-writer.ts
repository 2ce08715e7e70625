import type { Writable } from 'node:stream';

/**
 * Writes Server-Sent Events (https://html.spec.whatwg.org/multipage/server-sent-events.html) to
 * one response. Frames are `id:` / `event:` / `data:` lines ended by a blank line; heartbeats are
 * comment lines (`: hb`). Nothing is ever queued here: a frame goes straight to the socket.
 *
 * Backpressure: a slow client is dropped, never buffered without bound. The connection is
 * destroyed (no `end` frame: it could not get through anyway) when
 * - more than `maxBufferedBytes` are waiting in the response's buffer, or
 * - the socket has not drained within `drainTimeoutMs` of a write that filled it.
 */
export interface SseFrame {
  id?: string | number;
  event?: string;
  /** Serialised as one JSON line. */
  data: unknown;
}

export interface SseWriterOptions {
  maxBufferedBytes?: number;
  drainTimeoutMs?: number;
  /** Called once when the writer stops, whatever the reason. */
  onClose?: (reason: SseCloseReason) => void;
}

export type SseCloseReason = 'ended' | 'slow-client' | 'peer-closed';

/** Field values must not contain line breaks: they would start a new field (or frame). */
function field(name: string, value: string): string {
  if (/[\r\n]/.test(value)) throw new Error(`SSE ${name} must be one line`);
  return `${name}: ${value}\n`;
}

export function formatFrame(frame: SseFrame): string {
  let text = '';
  if (frame.id !== undefined) text += field('id', String(frame.id));
  if (frame.event !== undefined) text += field('event', frame.event);
  // JSON.stringify never emits a raw line break, but a caller's string data might hold one:
  // each line of it becomes its own data: line, which the client joins back with \n.
  const data = typeof frame.data === 'string' ? frame.data : JSON.stringify(frame.data);
  for (const line of data.split(/\r\n|\r|\n/)) text += `data: ${line}\n`;
  return `${text}\n`;
}

export class SseWriter {
  private closed = false;
  private drainTimer: NodeJS.Timeout | undefined;
  private readonly maxBufferedBytes: number;
  private readonly drainTimeoutMs: number;

  constructor(
    private readonly out: Writable & { writableLength: number },
    private readonly options: SseWriterOptions = {},
  ) {
    this.maxBufferedBytes = options.maxBufferedBytes ?? 64 * 1024;
    this.drainTimeoutMs = options.drainTimeoutMs ?? 30_000;
    const peerGone = () => this.finish('peer-closed');
    out.once('close', peerGone);
    out.once('error', peerGone);
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /** Sends one event; false when the stream is closed (or was just dropped as too slow). */
  send(frame: SseFrame): boolean {
    return this.write(formatFrame(frame));
  }

  /** A comment line: keeps proxies and the client's watchdog from thinking the stream is dead. */
  comment(text = 'hb'): boolean {
    return this.write(`: ${text}\n\n`);
  }

  /** Sends a last frame (if given) and ends the response. */
  end(frame?: SseFrame): void {
    if (this.closed) return;
    if (frame) this.write(formatFrame(frame));
    if (this.closed) return;
    this.out.end();
    this.finish('ended');
  }

  /** Drops the connection without a goodbye. */
  destroy(reason: SseCloseReason = 'ended'): void {
    if (this.closed) return;
    this.finish(reason);
    this.out.destroy();
  }

  private write(text: string): boolean {
    if (this.closed) return false;
    if (this.out.writableLength + text.length > this.maxBufferedBytes) {
      this.destroy('slow-client');
      return false;
    }
    const flushed = this.out.write(text);
    if (!flushed && !this.drainTimer) {
      this.drainTimer = setTimeout(() => this.destroy('slow-client'), this.drainTimeoutMs);
      this.drainTimer.unref();
      this.out.once('drain', () => {
        clearTimeout(this.drainTimer);
        this.drainTimer = undefined;
      });
    }
    return !this.closed;
  }

  private finish(reason: SseCloseReason): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.drainTimer);
    this.drainTimer = undefined;
    this.options.onClose?.(reason);
  }
}
