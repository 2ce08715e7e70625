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

export const consoleLogger = createLogger((line) => process.stderr.write(`${formatLogLine(line)}\n`));

/** One log line as written to stderr and the log file: time first, then the entry. */
export function formatLogLine(line: LogLine, now: Date = new Date()): string {
  return JSON.stringify({ t: now.toISOString(), ...line });
}

/** The app's logger: stderr (for a developer's terminal) and the support log file. */
export function createAppLogger(file: { write(text: string): void }): Logger {
  return createLogger((line) => {
    const text = formatLogLine(line);
    process.stderr.write(`${text}\n`);
    file.write(text);
  });
}

/**
 * What a log may say about a thrown value: its type, its code (ENOENT…) and where it was
 * thrown — never its message, which may quote a token, a number or a file's contents.
 */
export function describeError(error: unknown): LogFields {
  if (!(error instanceof Error)) return { error: error === null ? 'null' : typeof error };
  const code = (error as { code?: unknown }).code;
  // The stack opens with "Name: message" (maybe several lines): skip those, keep the frames.
  const frames = (error.stack ?? '')
    .split('\n')
    .slice(error.message.split('\n').length)
    .map((line) => line.trim())
    .filter((line) => line.startsWith('at '))
    .slice(0, 5);
  return {
    error: error.name,
    ...(typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code) ? { code } : {}),
    ...(frames.length > 0 ? { at: frames } : {}),
  };
}
