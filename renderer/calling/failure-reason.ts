/** Failures worth a console line, with only what is safe to log: reason codes, never tokens, numbers or names. */
export type CallingLog = (message: string, fields?: Record<string, string | number>) => void;

/** What a failure says about itself that is safe to log: the SDK's codes or the error's name. */
export function failureReason(error: unknown): Record<string, string | number> {
  if (error && typeof error === 'object') {
    const { code, subCode, name } = error as { code?: unknown; subCode?: unknown; name?: unknown };
    if (typeof code === 'number') return { code, ...(typeof subCode === 'number' ? { subCode } : {}) };
    if (typeof name === 'string') return { error: name.slice(0, 64) };
  }
  return { error: typeof error };
}
