/**
 * Bounds of main's schemas, kept free of zod: contract/define.ts builds the schemas' bounded
 * strings from them, and the renderer cuts what it sends to fit without loading the schemas
 * (its first bundle stays small). Chat's message length is in chat-limits.ts.
 */

/** Upper bounds that keep a hostile payload from costing memory or time in main. */
export const limits = {
  shortText: 256,
  url: 2048,
  longText: 28_000,
  /** The start of a chat message in a notification request (main shortens it further). */
  preview: 1000,
} as const;

/** Bounds of a call history entry's numbers (channels-calls.ts). */
export const callHistoryLimits = {
  /** A week, in whole seconds. */
  durationSeconds: 7 * 24 * 3600,
  /** The Calling SDK's callEndReason code and subCode. */
  endCode: 999,
  endSubCode: 999_999,
} as const;

/** Bounds of the people channels (channels-people.ts), matching the service's (org-service/API.md). */
export const peopleLimits = {
  query: 100,
  cursor: 512,
  lookup: 100,
  watch: 500,
  recents: 20,
  favourites: 200,
} as const;
