/** How the app currently hears about new messages, shown to the user. */
export type ChatConnectionState =
  /** Starting up, nothing heard yet. */
  | 'connecting'
  /** Realtime notifications are connected. */
  | 'live'
  /** Realtime is unavailable; polling works. */
  | 'polling'
  /** Requests are failing; retrying with backoff. */
  | 'retrying';
