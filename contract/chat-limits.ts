/** Chat limits shared by main and the renderer, kept free of zod so the renderer's first bundle stays small. */

/** The longest message ACS accepts (28 KB of text). */
export const maxMessageLength = 28_000;
