/** Electron adapter: applies the permission policy, CSP header and file confinement to a session. */
import type { Session } from 'electron';
import type { AppOrigin } from './app-origin.js';
import { everyMedia, isPermissionGranted, type MediaAllowance } from './permission-policy.js';
import { isAllowedFileRequest } from './web-contents-guards.js';
import { contentSecurityPolicy } from './content-security-policy.js';

/** mediaAllowance: the allowVideo/allowScreenShare settings, read at each ask (policy may change them). */
export function secureSession(session: Session, origin: AppOrigin, devServerOrigin?: string, mediaAllowance: () => MediaAllowance = () => everyMedia): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    callback(
      isPermissionGranted(origin, {
        permission,
        requestingUrl: details.requestingUrl,
        isMainFrame: details.isMainFrame,
        ...('mediaTypes' in details && details.mediaTypes ? { mediaTypes: details.mediaTypes } : {}),
      }, mediaAllowance()),
    );
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionGranted(origin, {
      permission,
      requestingUrl: details.requestingUrl ?? requestingOrigin,
      isMainFrame: details.isMainFrame ?? false,
      // 'unknown' (e.g. listing devices) says nothing about the camera: leave it to the origin rule.
      ...(details.mediaType === 'audio' || details.mediaType === 'video' ? { mediaTypes: [details.mediaType] } : {}),
    }, mediaAllowance()),
  );
  session.webRequest.onBeforeRequest({ urls: ['file://*/*'] }, (details, callback) => {
    callback({ cancel: !isAllowedFileRequest(origin, details.url) });
  });
  if (devServerOrigin) {
    // file:// pages get the CSP from index.html's meta tag; the dev server needs a header.
    session.webRequest.onHeadersReceived({ urls: [`${devServerOrigin}/*`] }, (details, callback) => {
      callback({
        responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy({ devServerOrigin })] },
      });
    });
  }
}
