/** Electron adapter: answers getDisplayMedia with the source the user picked in the app. */
import { desktopCapturer, type Session } from 'electron';
import type { AppOrigin } from '../security/app-origin.js';
import type { ScreenSharePicker } from './screen-share-picker.js';

/** isAllowed: the allowScreenShare setting (policy can turn it off); read at each request. */
export function installDisplayMediaHandler(session: Session, origin: AppOrigin, picker: ScreenSharePicker, isAllowed: () => boolean): void {
  session.setDisplayMediaRequestHandler((request, callback) => {
    if (!isAllowed() || !request.frame || !origin.isTrustedSender({ frameUrl: request.frame.url, isTopFrame: request.frame.parent === null })) {
      callback(null);
      return;
    }
    void (async () => {
      const sources = await desktopCapturer.getSources({ types: ['screen', 'window'], thumbnailSize: { width: 320, height: 180 } });
      const chosen = await picker.pick(
        sources.map((s) => ({
          id: s.id,
          name: s.name.slice(0, 256),
          kind: s.id.startsWith('screen:') ? ('screen' as const) : ('window' as const),
          thumbnail: s.thumbnail.isEmpty() ? '' : s.thumbnail.toDataURL(),
        })),
      );
      const source = sources.find((s) => s.id === chosen);
      callback(source ? { video: source } : null);
    })().catch(() => callback(null));
  });
}
