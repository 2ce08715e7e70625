/**
 * Tells zod not to compile parsers with `new Function`: the renderer's CSP forbids eval, so
 * zod's probe for it would be refused (a CSP violation on every start) and it would fall back
 * anyway. Must run before the first schema is built — zod decides when an object schema is
 * created — so the Settings view (the only part of the renderer that builds schemas) imports
 * this module first.
 */
import { config } from 'zod/v4/core';

config({ jitless: true });
