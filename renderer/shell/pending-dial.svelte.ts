/**
 * The one place text waits for the dial pad: a clicked tel:/callto: link (deeplinks:dial) or
 * "Call back" from a missed-call notification. The Calls view's dial box takes it — fills
 * itself and leaves the call to the user's click — and `take` empties it, so the same link does
 * not refill the box after the user cleared it.
 */
import type { DialRequest } from '../../contract/channels-tray.js';

/** The dial box's own limit. */
const maxLength = 300;

class PendingDial {
  current = $state<string | null>(null);

  /**
   * A number from a link. Its extension stays with it as ";ext=" (RFC 3966, read by the dial
   * parser in every language), so it is dialled as tones once the call connects.
   */
  setLink(request: DialRequest): void {
    this.setText(request.extension ? `${request.number};ext=${request.extension}` : request.number);
  }

  /** A number or user ID to call back. */
  setText(text: string): void {
    this.current = text.slice(0, maxLength);
  }

  take(): string | null {
    const text = this.current;
    this.current = null;
    return text;
  }
}

export const pendingDial = new PendingDial();
