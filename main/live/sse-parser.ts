/**
 * A Server-Sent Events parser (WHATWG HTML, "event stream interpretation") that never holds
 * more than a bounded amount of text: a line longer than `maxLineChars` is skipped to its end
 * and an event bigger than `maxEventChars` is dropped whole — each reported, so a hostile or
 * broken server costs at most those bounds, never memory without end. `retry:` is ignored on
 * purpose: the client's back-off is its own, not the server's to set to zero.
 *
 * Written here rather than taken from a library because the bounds are the point: general
 * parsers (eventsource-parser among them) buffer an unterminated line without limit.
 */

export interface SseFrame {
  /** The `id:` field of this event, if it had one. */
  id: string | undefined;
  /** The `event:` field; 'message' when absent. */
  event: string;
  data: string;
}

export type SseDropReason = 'line-too-long' | 'event-too-large';

export interface SseHandlers {
  frame(frame: SseFrame): void;
  /** A comment line (`: hb`). */
  comment(): void;
  dropped(reason: SseDropReason): void;
}

export interface SseBounds {
  maxLineChars: number;
  maxEventChars: number;
}

export const defaultSseBounds: SseBounds = { maxLineChars: 16 * 1024, maxEventChars: 64 * 1024 };

export class SseParser {
  private line = '';
  private discardingLine = false;
  private afterCr = false;
  private atStart = true;
  private data: string[] = [];
  private size = 0;
  private eventName = '';
  private id: string | undefined;
  private oversized: SseDropReason | null = null;
  private hasFields = false;

  constructor(
    private readonly handlers: SseHandlers,
    private readonly bounds: SseBounds = defaultSseBounds,
  ) {}

  /** Feeds decoded text; complete events are handed to the handlers before it returns. */
  feed(chunk: string): void {
    let text = chunk;
    if (this.atStart && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      this.atStart = false;
    }
    let start = 0;
    while (start < text.length) {
      // CRLF split across chunks: the LF ends nothing more.
      if (this.afterCr) {
        this.afterCr = false;
        if (text.charCodeAt(start) === 0x0a) {
          start++;
          continue;
        }
      }
      const end = nextLineEnd(text, start);
      if (end === -1) {
        this.append(text.slice(start));
        return;
      }
      this.append(text.slice(start, end));
      this.endLine();
      if (text.charCodeAt(end) === 0x0d) {
        if (end + 1 < text.length) start = text.charCodeAt(end + 1) === 0x0a ? end + 2 : end + 1;
        else {
          this.afterCr = true;
          start = end + 1;
        }
      } else start = end + 1;
    }
  }

  private append(part: string): void {
    if (this.discardingLine || part.length === 0) return;
    if (this.line.length + part.length > this.bounds.maxLineChars) {
      this.line = '';
      this.discardingLine = true;
      this.oversized ??= 'line-too-long';
      return;
    }
    this.line += part;
  }

  private endLine(): void {
    const line = this.line;
    const discarded = this.discardingLine;
    this.line = '';
    this.discardingLine = false;
    if (discarded) {
      // The rest of the event still has to be read past; it is dropped at its blank line.
      this.hasFields = true;
      return;
    }
    if (line.length === 0) return this.dispatch();
    if (line.charCodeAt(0) === 0x3a) return this.handlers.comment();
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 0x20) value = value.slice(1);
    this.hasFields = true;
    switch (field) {
      case 'data':
        this.grow(value.length + 1);
        if (!this.oversized) this.data.push(value);
        break;
      case 'event':
        this.grow(value.length);
        if (!this.oversized) this.eventName = value;
        break;
      case 'id':
        // The standard ignores ids containing NUL.
        if (!value.includes('\u0000')) this.id = value;
        break;
      default:
        // retry: and unknown fields are ignored.
        break;
    }
  }

  private grow(chars: number): void {
    this.size += chars;
    if (this.size > this.bounds.maxEventChars && !this.oversized) {
      this.oversized = 'event-too-large';
      this.data = [];
    }
  }

  private dispatch(): void {
    const { hasFields, oversized, id } = this;
    const frame: SseFrame = { id, event: this.eventName || 'message', data: this.data.join('\n') };
    this.data = [];
    this.size = 0;
    this.eventName = '';
    this.id = undefined;
    this.oversized = null;
    this.hasFields = false;
    if (!hasFields) return;
    if (oversized) return this.handlers.dropped(oversized);
    this.handlers.frame(frame);
  }
}

function nextLineEnd(text: string, from: number): number {
  const lf = text.indexOf('\n', from);
  const cr = text.indexOf('\r', from);
  if (lf === -1) return cr;
  if (cr === -1) return lf;
  return Math.min(lf, cr);
}
