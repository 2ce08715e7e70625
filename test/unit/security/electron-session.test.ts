/**
 * The session adapter (main/security/electron-session.ts) against a stand-in for Electron's
 * Session: which handlers it installs and what they answer, for the file:// origin the packaged
 * app really uses (and its Windows form), the dev server, iframes and foreign pages.
 */
import type { Session } from 'electron';
import { describe, expect, it } from 'vitest';
import { AppOrigin } from '../../../main/security/app-origin.js';
import { secureSession } from '../../../main/security/electron-session.js';

type RequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: object) => void;
type CheckHandler = (contents: unknown, permission: string, requestingOrigin: string, details: object) => boolean;
type BeforeRequest = (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void;
type HeadersReceived = (details: { responseHeaders?: Record<string, string[]> }, callback: (response: { responseHeaders: Record<string, string[]> }) => void) => void;

function standInSession() {
  const installed: { request?: RequestHandler; check?: CheckHandler; beforeRequest?: { filter: unknown; handler: BeforeRequest }; headers?: { filter: unknown; handler: HeadersReceived } } = {};
  const session = {
    setPermissionRequestHandler: (handler: RequestHandler) => void (installed.request = handler),
    setPermissionCheckHandler: (handler: CheckHandler) => void (installed.check = handler),
    webRequest: {
      onBeforeRequest: (filter: unknown, handler: BeforeRequest) => void (installed.beforeRequest = { filter, handler }),
      onHeadersReceived: (filter: unknown, handler: HeadersReceived) => void (installed.headers = { filter, handler }),
    },
  };
  return { session: session as unknown as Session, installed };
}

function secured(rendererUrl: string, devServerOrigin?: string) {
  const { session, installed } = standInSession();
  secureSession(session, new AppOrigin(rendererUrl), devServerOrigin);
  const request = (permission: string, details: object) => {
    let granted: boolean | undefined;
    installed.request!({}, permission, (g) => (granted = g), details);
    return granted;
  };
  const check = (permission: string, requestingOrigin: string, details: object) => installed.check!(null, permission, requestingOrigin, details);
  const fileRequest = (url: string) => {
    let cancel: boolean | undefined;
    installed.beforeRequest!.handler({ url }, (r) => (cancel = r.cancel));
    return cancel;
  };
  return { installed, request, check, fileRequest };
}

const macApp = 'file:///Applications/ACS%20Softphone.app/Contents/Resources/app.asar/dist/renderer/index.html';
const macAsset = 'file:///Applications/ACS%20Softphone.app/Contents/Resources/app.asar/dist/renderer/assets/index.js';

describe('permission request handler (packaged, file://)', () => {
  const s = secured(macApp);

  it.each<[string, object, boolean]>([
    ['the microphone for the app page', { requestingUrl: macApp, isMainFrame: true, mediaTypes: ['audio'] }, true],
    ['camera and microphone', { requestingUrl: macApp, isMainFrame: true, mediaTypes: ['audio', 'video'] }, true],
    ['an app page in an iframe', { requestingUrl: macApp, isMainFrame: false, mediaTypes: ['audio'] }, false],
    ['another file on disk', { requestingUrl: 'file:///Users/ada/Downloads/evil.html', isMainFrame: true, mediaTypes: ['audio'] }, false],
    ['a path climbing out of the app folder', { requestingUrl: 'file:///Applications/ACS%20Softphone.app/Contents/Resources/app.asar/dist/renderer/../../x.html', isMainFrame: true, mediaTypes: ['audio'] }, false],
    ['a web page', { requestingUrl: 'https://evil.example/', isMainFrame: true, mediaTypes: ['audio'] }, false],
    ['no URL at all', { isMainFrame: true, mediaTypes: ['audio'] }, false],
  ])('%s → %s', (_name, details, expected) => {
    expect(s.request('media', details)).toBe(expected);
  });

  it('grants screen capture to the app page and refuses everything else', () => {
    expect(s.request('display-capture', { requestingUrl: macApp, isMainFrame: true })).toBe(true);
    for (const permission of ['notifications', 'geolocation', 'clipboard-read', 'speaker-selection', 'openExternal', 'midi', 'hid']) {
      expect(s.request(permission, { requestingUrl: macApp, isMainFrame: true }), permission).toBe(false);
    }
  });
});

describe('permission check handler', () => {
  const s = secured(macApp);

  it('uses the frame URL when Electron gives it, whatever the origin string says', () => {
    // Chromium's origin for any file: page is just "file://": it cannot tell the app apart.
    expect(s.check('media', 'file://', { requestingUrl: macApp, isMainFrame: true, mediaType: 'audio' })).toBe(true);
    expect(s.check('media', 'file://', { requestingUrl: 'file:///tmp/other.html', isMainFrame: true, mediaType: 'audio' })).toBe(false);
  });

  it('falls back to the requesting origin when the frame URL is missing, which never passes for file://', () => {
    expect(s.check('media', 'file://', { isMainFrame: true, mediaType: 'audio' })).toBe(false);
    expect(s.check('media', 'file:///', { isMainFrame: true })).toBe(false);
    // The fallback is really consulted: the dev server's origin is a URL the app owns.
    const dev = secured('http://localhost:5173/', 'http://localhost:5173');
    expect(dev.check('media', 'http://localhost:5173/', { isMainFrame: true })).toBe(true);
    expect(dev.check('media', 'http://localhost:5174/', { isMainFrame: true })).toBe(false);
  });

  it('treats a check without isMainFrame as coming from a sub frame', () => {
    expect(s.check('media', 'file://', { requestingUrl: macApp })).toBe(false);
    expect(s.check('media', 'file://', { requestingUrl: macApp, isMainFrame: false })).toBe(false);
  });

  it('refuses permissions outside the list even for the app', () => {
    expect(s.check('notifications', 'file://', { requestingUrl: macApp, isMainFrame: true })).toBe(false);
    expect(s.check('speaker-selection', 'file://', { requestingUrl: macApp, isMainFrame: true })).toBe(false);
  });
});

describe('Windows file URLs', () => {
  // main builds the URL from its own path (drive letter as the OS gave it); Chromium reports
  // the page with the drive letter upper-cased.
  const lower = 'file:///c:/Program%20Files/ACS%20Softphone/resources/app.asar/dist/renderer/index.html';
  const upper = 'file:///C:/Program%20Files/ACS%20Softphone/resources/app.asar/dist/renderer/index.html';

  it('grants the app page whichever case the drive letter has on either side', () => {
    for (const [rendererUrl, pageUrl] of [[lower, upper], [upper, lower], [upper, upper]] as const) {
      const s = secured(rendererUrl);
      expect(s.request('media', { requestingUrl: pageUrl, isMainFrame: true, mediaTypes: ['audio'] })).toBe(true);
      expect(s.fileRequest(pageUrl.replace('index.html', 'assets/a.js'))).toBe(false);
      expect(new AppOrigin(rendererUrl).isTrustedSender({ frameUrl: pageUrl, isTopFrame: true })).toBe(true);
    }
  });

  it('still refuses another drive or folder', () => {
    const s = secured(lower);
    expect(s.request('media', { requestingUrl: 'file:///D:/Program%20Files/ACS%20Softphone/resources/app.asar/dist/renderer/index.html', isMainFrame: true, mediaTypes: ['audio'] })).toBe(false);
    expect(s.request('media', { requestingUrl: 'file:///C:/Users/ada/Downloads/index.html', isMainFrame: true, mediaTypes: ['audio'] })).toBe(false);
    expect(s.fileRequest('file:///C:/Windows/win.ini')).toBe(true);
  });
});

describe('file:// confinement and the dev CSP header', () => {
  it('cancels file requests outside the renderer folder', () => {
    const s = secured(macApp);
    expect(s.installed.beforeRequest!.filter).toEqual({ urls: ['file://*/*'] });
    expect(s.fileRequest(macAsset)).toBe(false);
    expect(s.fileRequest('file:///etc/passwd')).toBe(true);
  });

  it('sends the CSP as a header only for the dev server', () => {
    expect(secured(macApp).installed.headers).toBeUndefined();
    const dev = secured('http://localhost:5173/', 'http://localhost:5173');
    expect(dev.installed.headers!.filter).toEqual({ urls: ['http://localhost:5173/*'] });
    let headers: Record<string, string[]> | undefined;
    dev.installed.headers!.handler({ responseHeaders: { 'Content-Type': ['text/html'] } }, (r) => (headers = r.responseHeaders));
    expect(headers!['Content-Type']).toEqual(['text/html']);
    expect(headers!['Content-Security-Policy']![0]).toMatch(/^default-src 'none'; script-src 'self'/);
    expect(headers!['Content-Security-Policy']![0]).toContain('ws://localhost:5173');
  });
});
