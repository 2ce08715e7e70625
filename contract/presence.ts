/**
 * The statuses a user can choose, kept free of zod: the renderer's first bundle needs the list
 * (the status picker) but not the schema library, which only the Settings view loads.
 */
export const userStatuses = ['available', 'busy', 'doNotDisturb', 'beRightBack', 'away', 'appearOffline'] as const;
export type UserStatus = (typeof userStatuses)[number];
