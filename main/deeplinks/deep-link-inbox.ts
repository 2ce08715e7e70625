/**
 * Where links from the OS arrive (second-instance argv, macOS open-url, the first start's own
 * argv). Links that come before the renderer listens — the app was started by the click — wait
 * in a short queue and are delivered once it says it is ready. Refused links are logged by
 * reason only (a link can carry a phone number: personal data) and reported for a message.
 */
import type { Logger } from '../app/logger.js';
import { parseDeepLink, type DeepLink, type LinkRefusal } from './parse-link.js';

export interface DeepLinkTarget {
  deliver(link: DeepLink): void;
  refuse(reason: LinkRefusal): void;
}

/** A burst of links while the window loads is plausible; hundreds are not. */
const maxQueued = 16;

type Pending = { ok: true; link: DeepLink } | { ok: false; reason: LinkRefusal };

export class DeepLinkInbox {
  private readonly queue: Pending[] = [];
  private ready = false;

  constructor(
    private readonly target: DeepLinkTarget,
    private readonly log: Logger,
  ) {}

  /** Takes a raw link from the OS; returns whether it was accepted. */
  receive(raw: string, via: 'argv' | 'open-url' | 'notification'): boolean {
    const parsed = parseDeepLink(raw);
    if (parsed.ok) this.log.info('deeplinks: received', { via, kind: parsed.link.kind === 'dial' ? `dial:${parsed.link.dial.source}` : parsed.link.action.action });
    else this.log.warn('deeplinks: refused', { via, reason: parsed.reason });
    this.enqueue(parsed.ok ? { ok: true, link: parsed.link } : { ok: false, reason: parsed.reason });
    return parsed.ok;
  }

  /** Something the app itself wants the renderer to do (a tray menu choice, a macOS action). */
  post(link: DeepLink): void {
    this.enqueue({ ok: true, link });
  }

  /** The renderer listens now: queued links go out in the order they came. */
  markReady(): void {
    this.ready = true;
    for (const pending of this.queue.splice(0)) this.dispatch(pending);
  }

  /** The window went away (reload, re-creation): queue again until it is back. */
  markNotReady(): void {
    this.ready = false;
  }

  get queued(): number {
    return this.queue.length;
  }

  private enqueue(pending: Pending): void {
    if (this.ready) this.dispatch(pending);
    else {
      if (this.queue.length >= maxQueued) this.queue.shift();
      this.queue.push(pending);
    }
  }

  private dispatch(pending: Pending): void {
    if (pending.ok) this.target.deliver(pending.link);
    else this.target.refuse(pending.reason);
  }
}
