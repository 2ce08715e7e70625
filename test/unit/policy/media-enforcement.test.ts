/**
 * allowVideo and allowScreenShare enforced by main, not only by the renderer's buttons: the
 * session's permission handlers refuse the camera and screen capture, and the display-media
 * handler refuses to list screens, when the organisation turned them off.
 */
import type { Session } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { AppOrigin } from '../../../main/security/app-origin.js';
import { isPermissionGranted } from '../../../main/security/permission-policy.js';
import { secureSession } from '../../../main/security/electron-session.js';
import { ScreenSharePicker } from '../../../main/calls/screen-share-picker.js';

const getSources = vi.fn(async () => []);
vi.mock('electron', () => ({ desktopCapturer: { getSources } }));
const { installDisplayMediaHandler } = await import('../../../main/calls/electron-display-media.js');

const appUrl = 'file:///opt/acs-softphone/resources/app.asar/dist/renderer/index.html';
const origin = new AppOrigin(appUrl);
const off = { video: false, screenShare: false };
const on = { video: true, screenShare: true };

type RequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: object) => void;
type CheckHandler = (contents: unknown, permission: string, requestingOrigin: string, details: object) => boolean;
type DisplayHandler = (request: { frame: { url: string; parent: unknown } | null }, callback: (streams: unknown) => void) => void;

/** The parts of Electron's Session the adapters set, keeping the handlers they install. */
function standInSession() {
  const installed: { request?: RequestHandler; check?: CheckHandler; display?: DisplayHandler } = {};
  const session = {
    setPermissionRequestHandler: (handler: RequestHandler) => void (installed.request = handler),
    setPermissionCheckHandler: (handler: CheckHandler) => void (installed.check = handler),
    setDisplayMediaRequestHandler: (handler: DisplayHandler) => void (installed.display = handler),
    webRequest: { onBeforeRequest: () => {}, onHeadersReceived: () => {} },
  };
  return { session: session as unknown as Session, installed };
}

describe('media permissions follow allowVideo and allowScreenShare', () => {
  it.each([
    ['media', ['audio'], off, true],
    ['media', ['audio', 'video'], off, false],
    ['media', ['video'], on, true],
    ['display-capture', undefined, off, false],
    ['display-capture', undefined, on, true],
    // Electron did not say which kind: the camera cannot be told apart here.
    ['media', undefined, off, true],
  ] as const)('%s %j with %j → %s', (permission, mediaTypes, allowed, expected) => {
    expect(isPermissionGranted(origin, { permission, requestingUrl: appUrl, isMainFrame: true, ...(mediaTypes ? { mediaTypes } : {}) }, allowed)).toBe(expected);
  });

  it('the session refuses camera requests and checks once policy turns video off, and asks each time', () => {
    const { session, installed } = standInSession();
    let allowed = on;
    secureSession(session, origin, undefined, () => allowed);
    const request = (mediaTypes: string[]) => {
      let granted: boolean | null = null;
      installed.request!({}, 'media', (g) => (granted = g), { requestingUrl: appUrl, isMainFrame: true, mediaTypes });
      return granted;
    };
    const check = (mediaType: string) => installed.check!({}, 'media', 'file://', { requestingUrl: appUrl, isMainFrame: true, mediaType });
    expect(request(['audio', 'video'])).toBe(true);
    expect(check('video')).toBe(true);
    allowed = off;
    expect(request(['audio', 'video'])).toBe(false);
    expect(request(['audio'])).toBe(true);
    expect(check('video')).toBe(false);
    expect(check('audio')).toBe(true);
    // Listing devices ('unknown') stays possible: the microphone list needs it.
    expect(check('unknown')).toBe(true);
    expect(installed.check!({}, 'display-capture', 'file://', { requestingUrl: appUrl, isMainFrame: true })).toBe(false);
  });

  it('the display-media handler refuses screen sharing without listing screens when it is not allowed', async () => {
    const { session, installed } = standInSession();
    let allowed = false;
    const asked: unknown[] = [];
    installDisplayMediaHandler(session, origin, new ScreenSharePicker({ ask: (r) => asked.push(r) }), () => allowed);
    const answers: unknown[] = [];
    installed.display!({ frame: { url: appUrl, parent: null } }, (streams) => answers.push(streams));
    expect(answers).toEqual([null]);
    expect(getSources).not.toHaveBeenCalled();
    expect(asked).toEqual([]);

    allowed = true;
    installed.display!({ frame: { url: appUrl, parent: null } }, (streams) => answers.push(streams));
    await vi.waitFor(() => expect(answers).toHaveLength(2));
    expect(getSources).toHaveBeenCalledTimes(1);
  });
});
