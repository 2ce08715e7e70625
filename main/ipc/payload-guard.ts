/**
 * Checks applied to every IPC payload before its schema: keys that could pollute prototypes
 * and payloads too large or too deep to be honest are refused outright.
 */
const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);
const maxDepth = 16;
const maxNodes = 10_000;

export type GuardFailure = 'forbidden-key' | 'too-deep' | 'too-large';

export function checkPayloadShape(payload: unknown): GuardFailure | null {
  let nodes = 0;
  const visit = (value: unknown, depth: number): GuardFailure | null => {
    if (++nodes > maxNodes) return 'too-large';
    if (value === null || typeof value !== 'object') return null;
    if (depth > maxDepth) return 'too-deep';
    for (const key of Reflect.ownKeys(value)) {
      if (typeof key === 'string' && forbiddenKeys.has(key)) return 'forbidden-key';
      const failure = visit((value as Record<PropertyKey, unknown>)[key], depth + 1);
      if (failure) return failure;
    }
    return null;
  };
  return visit(payload, 0);
}
