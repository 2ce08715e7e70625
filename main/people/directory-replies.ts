/**
 * The directory's replies (org-service/API.md), checked before anything reaches a cache or the
 * renderer. The envelope must be right or the whole reply is refused; inside it, an entry that
 * does not fit the contract's DirectoryPerson is left out rather than failing the page. Names
 * and e-mails are shown as text: control characters and bidi overrides are removed.
 */
import { z } from 'zod';
import { directoryKinds, type DirectoryKind, type DirectoryPerson } from '../../contract/channels-people.js';
import { limits, peopleLimits } from '../../contract/limits.js';

const cleanText = (value: string) => value.replace(/[\p{Cc}\u202A-\u202E\u2066-\u2069]/gu, '').trim();

/** One entry, as the contract's directoryPersonSchema will accept it back from the renderer. */
const entrySchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    kind: z.string().max(32),
    displayName: z.string().max(limits.shortText),
    email: z.string().max(limits.shortText).nullable(),
    communicationUserId: z.string().min(1).max(limits.shortText).nullable(),
  })
  .transform((entry, ctx): DirectoryPerson => {
    const displayName = cleanText(entry.displayName);
    if (!displayName) {
      ctx.addIssue({ code: 'custom', message: 'no display name' });
      return z.NEVER;
    }
    const email = entry.email === null ? null : cleanText(entry.email) || null;
    // API.md: clients show kinds they do not know as person.
    const kind: DirectoryKind = (directoryKinds as readonly string[]).includes(entry.kind) ? (entry.kind as DirectoryKind) : 'person';
    return { id: entry.id, kind, displayName, email, communicationUserId: entry.communicationUserId };
  });

/** Keeps the entries that parse; the count of the others is returned for the log. */
const entriesSchema = (max: number) =>
  z
    .array(z.unknown())
    .max(max)
    .transform((items) => {
      const people: DirectoryPerson[] = [];
      for (const item of items) {
        const parsed = entrySchema.safeParse(item);
        if (parsed.success) people.push(parsed.data);
      }
      return { people, skipped: items.length - people.length };
    });

export const searchReplySchema = z.object({
  people: entriesSchema(100),
  nextCursor: z.string().min(1).max(peopleLimits.cursor).nullable(),
});

export const lookupReplySchema = z.object({ people: entriesSchema(peopleLimits.lookup) });

export const meReplySchema = z.object({ person: entrySchema });
