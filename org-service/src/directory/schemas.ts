import { z } from 'zod';
import { badRequest } from '../errors.js';
import type { SearchPosition } from './people-store.js';

/** Request shapes of /directory/* (org-service/API.md, "Directory"). */
export const searchQuery = z.strictObject({
  q: z.string({ error: 'must be a single string' }).max(100, { error: 'must be at most 100 characters' }).optional(),
  limit: z
    .string({ error: 'must be a single whole number from 1 to 50' })
    .regex(/^\d{1,2}$/, { error: 'must be a whole number from 1 to 50' })
    .transform(Number)
    .pipe(z.number().min(1, { error: 'must be a whole number from 1 to 50' }).max(50, { error: 'must be a whole number from 1 to 50' }))
    .optional(),
  cursor: z.string({ error: 'must be a single string' }).max(1024, { error: 'is not a cursor this service gave' }).optional(),
});

export const lookupBody = z.strictObject({
  communicationUserIds: z
    .array(z.string({ error: 'must be a string' }).min(1, { error: 'must not be empty' }).max(256, { error: 'must be at most 256 characters' }), {
      error: 'must be a list of communication user ids',
    })
    .min(1, { error: 'must list 1 to 100 ids' })
    .max(100, { error: 'must list 1 to 100 ids' }),
});

/** Room for 100 ids of 256 characters (JSON-escaped at worst ×6 would be silly; quotes and commas are not). */
export const lookupBodyLimitBytes = 32 * 1024;

/** The cursor is opaque to clients: base64url of JSON [search_name, id] where the last page ended. */
export function encodeCursor(position: SearchPosition): string {
  return Buffer.from(JSON.stringify([position.searchName, position.id])).toString('base64url');
}

const cursorShape = z.tuple([z.string().max(1024), z.string().max(64)]);

export function decodeCursor(cursor: string): SearchPosition {
  try {
    const parsed = cursorShape.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (parsed.success) return { searchName: parsed.data[0], id: parsed.data[1] };
  } catch {
    // fall through to the 400 below
  }
  throw badRequest('cursor: is not a cursor this service gave');
}
