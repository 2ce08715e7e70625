/** Every end reason the table knows, and the fallbacks for codes it has never seen. */
import { describe, expect, it } from 'vitest';
import { describeEndReason, endReasonMessageKey, endReasonsByCode } from '../../../renderer/calling/end-reasons.js';
import { resources } from '../../../locales/index.js';

describe('describeEndReason', () => {
  it.each([
    [{ code: 0, subCode: 0 }, 'normal', 'info'],
    [{ code: 403, subCode: 10057 }, 'signIn', 'error'],
    [{ code: 401 }, 'signIn', 'error'],
    [{ code: 404, subCode: 0 }, 'notFound', 'error'],
    [{ code: 408 }, 'timeout', 'error'],
    [{ code: 410, subCode: 3112 }, 'mediaFailed', 'error'],
    [{ code: 480, subCode: 10037 }, 'notReachable', 'error'],
    [{ code: 486 }, 'busy', 'error'],
    [{ code: 487, subCode: 0 }, 'cancelled', 'info'],
    [{ code: 487, subCode: 10003 }, 'answeredElsewhere', 'info'],
    [{ code: 0, subCode: 10004 }, 'declinedElsewhere', 'info'],
    [{ code: 490 }, 'localNetwork', 'error'],
    [{ code: 491 }, 'localNetwork', 'error'],
    [{ code: 496 }, 'localNetwork', 'error'],
    [{ code: 497 }, 'localNetwork', 'error'],
    [{ code: 498 }, 'localNetwork', 'error'],
    [{ code: 500 }, 'serviceError', 'error'],
    [{ code: 503 }, 'serviceUnavailable', 'error'],
    [{ code: 603, subCode: 0 }, 'declined', 'error'],
    // Codes the table does not list fall back to their class.
    [{ code: 452 }, 'badRequest', 'error'],
    [{ code: 599 }, 'serviceError', 'error'],
    [{ code: 699 }, 'declined', 'error'],
    [{ code: 42 }, 'unknown', 'error'],
    [{ code: Number.NaN }, 'unknown', 'error'],
  ])('%j → %s (%s)', (reason, key, severity) => {
    expect(describeEndReason(reason)).toEqual({ key, severity });
  });

  it('treats a missing reason as unknown', () => {
    expect(endReasonMessageKey(undefined)).toBe('calls:endReasons.unknown');
  });

  it('has an English and a Spanish sentence for every key it can return', () => {
    const keys = new Set([...endReasonsByCode.values()].map((e) => e.key).concat(['answeredElsewhere', 'declinedElsewhere', 'unknown', 'badRequest', 'serviceError']));
    for (const key of keys) {
      for (const lang of ['en', 'es'] as const) {
        const sentence = (resources[lang].calls.endReasons as Record<string, string>)[key];
        expect(sentence, `${lang}:${key}`).toMatch(/\S.{10,}/);
      }
    }
  });
});
