import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { AppOrigin } from '../../../main/security/app-origin.js';
import { ExternalLinkOpener, isSafeExternalUrl } from '../../../main/security/external-links.js';
import { isPermissionGranted } from '../../../main/security/permission-policy.js';
import { guardEveryWebContents, guardWebContents, isAllowedFileRequest, type GuardableWebContents } from '../../../main/security/web-contents-guards.js';
import { contentSecurityPolicy } from '../../../main/security/content-security-policy.js';
import { mainWindowOptions } from '../../../main/windows/main-window-options.js';

const fileOrigin = new AppOrigin('file:///Applications/ACS%20Softphone.app/Contents/Resources/app.asar/dist/renderer/index.html');
const devOrigin = new AppOrigin('http://localhost:5173/');

describe('AppOrigin', () => {
  it.each([
    ['file:///Applications/ACS%20Softphone.app/Contents/Resources/app.asar/dist/renderer/index.html', true],
    ['file:///Applications/ACS%20Softphone.app/Contents/Resources/app.asar/dist/renderer/assets/x.js', true],
    ['file:///Applications/ACS%20Softphone.app/Contents/Resources/app.asar/dist/renderer/../../secret', false],
    ['file:///Applications/ACS%20Softphone.app/Contents/Resources/app.asar/dist/renderer/%2e%2e/secret', false],
    ['file:///etc/passwd', false],
    ['https://evil.example/', false],
    ['not a url', false],
    [undefined, false],
  ])('file origin owns %s: %s', (url, expected) => {
    expect(fileOrigin.owns(url)).toBe(expected);
  });

  it.each([
    ['http://localhost:5173/src/main.ts', true],
    ['http://localhost:51730/', false],
    ['http://localhost.evil.example:5173/', false],
    ['http://127.0.0.1:5173/', false],
  ])('dev origin owns %s: %s', (url, expected) => {
    expect(devOrigin.owns(url)).toBe(expected);
  });

  it('trusts only the top frame', () => {
    expect(devOrigin.isTrustedSender({ frameUrl: 'http://localhost:5173/', isTopFrame: true })).toBe(true);
    expect(devOrigin.isTrustedSender({ frameUrl: 'http://localhost:5173/', isTopFrame: false })).toBe(false);
  });
});

describe('external links', () => {
  it.each([
    ['https://example.com/path?q=1', true],
    ['mailto:someone@example.com', true],
    ['http://example.com/', false],
    ['file:///C:/Windows/System32/calc.exe', false],
    ['javascript:alert(1)', false],
    ['smb://server/share', false],
    ['ms-msdt:/id PCWDiagnostic', false],
    ['https://user:pass@example.com/', false],
    ['https://', false],
    ['', false],
    [`https://example.com/${'a'.repeat(3000)}`, false],
  ])('%s is safe: %s', (url, expected) => {
    expect(isSafeExternalUrl(url)).toBe(expected);
  });

  it('hands only safe links to the OS', async () => {
    const opened: string[] = [];
    const opener = new ExternalLinkOpener(async (url) => void opened.push(url));
    expect(await opener.open('https://example.com/a b')).toBe(true);
    expect(await opener.open('file:///etc/passwd')).toBe(false);
    expect(opened).toEqual(['https://example.com/a%20b']);
  });
});

describe('permission policy', () => {
  const app = 'http://localhost:5173/';
  it.each([
    ['media', app, true, ['audio', 'video'], true],
    ['media', app, true, ['audio'], true],
    ['display-capture', app, true, undefined, true],
    ['media', app, false, ['audio'], false],
    ['media', 'https://evil.example/', true, ['audio'], false],
    ['notifications', app, true, undefined, false],
    ['geolocation', app, true, undefined, false],
    ['clipboard-read', app, true, undefined, false],
    ['openExternal', app, true, undefined, false],
    ['speaker-selection', app, true, undefined, false],
    ['media', app, true, ['audio', 'unknown'], false],
  ])('%s from %s (top frame %s, %j) → %s', (permission, requestingUrl, isMainFrame, mediaTypes, expected) => {
    expect(isPermissionGranted(devOrigin, { permission, requestingUrl, isMainFrame, ...(mediaTypes ? { mediaTypes } : {}) })).toBe(expected);
  });
});

describe('web contents guards', () => {
  function fakeContents() {
    const listeners = new Map<string, (event: { preventDefault(): void }, url?: string) => void>();
    let openHandler: ((d: { url: string }) => { action: 'deny' }) | undefined;
    const contents: GuardableWebContents = {
      on: ((event: string, listener: never) => listeners.set(event, listener)) as never,
      setWindowOpenHandler: (h) => (openHandler = h),
    };
    const fire = (event: string, url?: string) => {
      let prevented = false;
      listeners.get(event)!({ preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    return { contents, fire, open: (url: string) => openHandler!({ url }) };
  }

  it('blocks navigation away from the app, webviews and new windows', async () => {
    const opened: string[] = [];
    const { contents, fire, open } = fakeContents();
    guardWebContents(contents, devOrigin, new ExternalLinkOpener(async (url) => void opened.push(url)));
    expect(fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(fire('will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(fire('will-navigate', 'http://localhost:5173/index.html')).toBe(false);
    expect(fire('will-attach-webview')).toBe(true);
    expect(open('https://example.com/doc')).toEqual({ action: 'deny' });
    expect(open('file:///etc/passwd')).toEqual({ action: 'deny' });
    await Promise.resolve();
    expect(opened).toEqual(['https://example.com/doc']);
  });

  it('guards every web contents the app creates, through the app\'s web-contents-created event', () => {
    const app = new EventEmitter();
    guardEveryWebContents(app, devOrigin, new ExternalLinkOpener(async () => {}));
    const first = fakeContents();
    const second = fakeContents();
    app.emit('web-contents-created', {}, first.contents);
    app.emit('web-contents-created', {}, second.contents);
    for (const { fire, open } of [first, second]) {
      expect(fire('will-navigate', 'https://evil.example/')).toBe(true);
      expect(fire('will-attach-webview')).toBe(true);
      expect(open('https://example.com/')).toEqual({ action: 'deny' });
    }
  });

  it('confines file requests to the renderer folder', () => {
    expect(isAllowedFileRequest(fileOrigin, 'file:///etc/passwd')).toBe(false);
    expect(isAllowedFileRequest(fileOrigin, 'file:///Applications/ACS%20Softphone.app/Contents/Resources/app.asar/dist/renderer/assets/a.js')).toBe(true);
    expect(isAllowedFileRequest(fileOrigin, 'https://example.com/')).toBe(true);
  });
});

describe('window and page hardening', () => {
  it('sets every security-relevant webPreference', () => {
    const prefs = mainWindowOptions('/app/preload.cjs', 'ACS Softphone').webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      backgroundThrottling: false,
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    // Developer tools only when asked for (development builds).
    expect(prefs.devTools).toBe(false);
    expect(mainWindowOptions('/app/preload.cjs', 'ACS Softphone', { devTools: true }).webPreferences!.devTools).toBe(true);
  });

  it('has a CSP without inline script or eval', () => {
    const csp = contentSecurityPolicy();
    const directives = Object.fromEntries(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives['default-src']).toEqual(["'none'"]);
    expect(directives['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(csp).not.toMatch(/'unsafe-inline'|'unsafe-eval'/);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(contentSecurityPolicy({ devServerOrigin: 'http://localhost:5173' })).toContain('ws://localhost:5173');
  });
});
