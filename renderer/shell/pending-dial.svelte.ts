/**
 * A number waiting for the dial pad: set when a tel:/callto: link arrives (deeplinks:dial), read
 * by the Calls view, which fills its dial box and leaves the call to the user's click. `take`
 * empties it so the same link does not refill the box after the user cleared it.
 */
import type { DialRequest } from '../../contract/channels-tray.js';

class PendingDial {
  current = $state<DialRequest | null>(null);

  set(request: DialRequest): void {
    this.current = request;
  }

  take(): DialRequest | null {
    const request = this.current;
    this.current = null;
    return request;
  }
}

export const pendingDial = new PendingDial();
