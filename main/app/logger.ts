/**
 * The main process's logger. Callers pass structured fields, never free text from users, and
 * never tokens, keys or message bodies; `redact` is a last line of defence for the field names
 * that must never appear in a log even by mistake.
 */
export type LogFields = Record<string, unknown>;

export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

const secretField = /token|secret|password|key|authorization|cookie|text|body|content/i;

export function redact(fields: LogFields | undefined): LogFields | undefined {
  if (!fields) return undefined;
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, secretField.test(k) ? '[redacted]' : v]));
}

export type LogLine = { level: 'info' | 'warn' | 'error'; message: string; fields?: LogFields };

/** Writes one JSON line per entry to `write` (stderr in the app, an array in tests). */
export function createLogger(write: (line: LogLine) => void): Logger {
  const at = (level: LogLine['level']) => (message: string, fields?: LogFields) => {
    const safe = redact(fields);
    write(safe ? { level, message, fields: safe } : { level, message });
  };
  return { info: at('info'), warn: at('warn'), error: at('error') };
}

export const consoleLogger = createLogger((line) => process.stderr.write(`${JSON.stringify({ t: new Date().toISOString(), ...line })}\n`));
