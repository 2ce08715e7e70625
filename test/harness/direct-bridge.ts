/**
 * The harness page's calls to main over a raw DevTools binding, in place of Playwright's
 * `exposeBinding` for that page. Playwright answers a binding call by evaluating a function
 * through its injected utility script, which it first installs in the page, and keeps a handle
 * to each answer: two round trips through the page's busy main thread during start-up, where
 * Electron's IPC answers in about a millisecond. Here a call is one DevTools event and its answer
 * one small `Runtime.evaluate`. Start-up answers arrive about 30 ms sooner in the benchmark,
 * which measures the app rather than the harness (docs/decisions.md, "Start-up").
 *
 * Who called still comes from the browser, never from the page: the calling context's frame and
 * that frame's URL and parent, as DevTools reports them. The binding exists only in this page's
 * own renderer; other pages and out-of-process frames use Playwright's binding, which the
 * harness keeps installed for the whole context.
 */
import type { CDPSession, Page } from 'playwright-core';
import type { SenderInfo } from '../../main/ipc/ipc-router.js';

/** The binding's name in the page; page-bridge.ts uses it when present. */
export const directBindingName = '__softphoneDirectInvoke';
/** The page function that takes an answer: `(seq, result)`. */
export const directReplyName = '__softphoneDirectReply';

export type Dispatch = (channel: string, request: unknown, sender: SenderInfo) => unknown;

interface FrameInfo {
  url: string;
  parentId: string | undefined;
}

/** What the browser says about the frames of one page and their main-world contexts. */
class FrameDirectory {
  private readonly frames = new Map<string, FrameInfo>();
  private readonly contextFrames = new Map<number, string>();

  constructor(session: CDPSession) {
    session.on('Page.frameNavigated', ({ frame }) => this.frames.set(frame.id, { url: frame.url + (frame.urlFragment ?? ''), parentId: frame.parentId }));
    session.on('Page.frameDetached', ({ frameId }) => this.frames.delete(frameId));
    session.on('Runtime.executionContextCreated', ({ context }) => {
      const aux = context.auxData as { frameId?: string; isDefault?: boolean } | undefined;
      if (aux?.isDefault && aux.frameId) this.contextFrames.set(context.id, aux.frameId);
    });
    session.on('Runtime.executionContextDestroyed', ({ executionContextId }) => this.contextFrames.delete(executionContextId));
    session.on('Runtime.executionContextsCleared', () => this.contextFrames.clear());
  }

  /** The sender as the router checks it; an unknown context is a sender with no URL (refused). */
  sender(contextId: number): SenderInfo {
    const frame = this.frames.get(this.contextFrames.get(contextId) ?? '');
    return { frameUrl: frame?.url, isTopFrame: frame !== undefined && frame.parentId === undefined };
  }
}

/** Installs the binding in `page` (before it navigates) and answers its calls with `dispatch`. */
export async function connectDirectBridge(page: Page, dispatch: Dispatch, onCall: (channel: string) => void): Promise<void> {
  const session = await page.context().newCDPSession(page);
  const frames = new FrameDirectory(session);
  session.on('Runtime.bindingCalled', ({ name, payload, executionContextId }) => {
    if (name !== directBindingName) return;
    void answer(payload, executionContextId);
  });
  const answer = async (payload: string, contextId: number) => {
    const call = parseCall(payload);
    // Not a call page-bridge.ts would make (a test poking the binding): nobody to answer.
    if (!call) return;
    const { seq, channel, request } = call;
    onCall(channel);
    const result = await dispatch(channel, request, frames.sender(contextId));
    // JSON is enough: every IPC answer is plain data (the contract has no dates or binary).
    const expression = `window.${directReplyName}(${seq}, ${JSON.stringify(result) ?? 'undefined'})`;
    // The page may have navigated or closed meanwhile: its call has nobody left to answer.
    await session.send('Runtime.evaluate', { expression, contextId }).catch(() => {});
  };
  await Promise.all([session.send('Page.enable'), session.send('Runtime.enable')]);
  await session.send('Runtime.addBinding', { name: directBindingName });
}

function parseCall(payload: string): { seq: number; channel: string; request?: unknown } | null {
  try {
    const call = JSON.parse(payload) as { seq?: unknown; channel?: unknown; request?: unknown };
    return typeof call.seq === 'number' && typeof call.channel === 'string' ? { seq: call.seq, channel: call.channel, request: call.request } : null;
  } catch {
    return null;
  }
}
