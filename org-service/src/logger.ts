/**
 * The token service's logger: one JSON line per entry on stderr. Callers pass structured fields,
 * never request headers or bodies. Two defences stop a secret reaching a log by mistake: fields
 * whose *name* says they hold a secret are masked, and any *value* that looks like a JWT, an API key
 * of ours or an ACS connection string / access key is masked.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | null | undefined>;
export type LogLine = { t: string; level: LogLevel; message: string } & LogFields;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/**
 * A field is masked when its name so much as mentions a secret kind of thing, anywhere in the name
 * (`accessToken`, `tokenValue`, `apiKeyRaw`, `passwordHash`, `requestBody`). Erring this way costs a
 * log field now and then (name it for what it holds: `lifetimeMinutes`, not `tokenLifetimeMinutes`);
 * erring the other way would leak a secret.
 */
const secretFieldName = /token|secret|password|passwd|key|authorization|cookie|connection|credential|signature|body|header|jwt|assertion/i;

function isSecretFieldName(name: string): boolean {
  return secretFieldName.test(name);
}
const secretValuePatterns: RegExp[] = [
  /eyJ[\w-]*\.[\w-]*\.?[\w-]*/g, // JWTs (ACS tokens, OIDC tokens)
  /acsk_[\w-]+/g, // our API keys
  /accesskey=[^;\s]*/gi, // ACS connection strings
  /HMAC-SHA256\s*\S*/g, // ACS request signatures
  /Signature=[^\s&"]+/g,
];

export function scrub(value: string): string {
  return secretValuePatterns.reduce((text, pattern) => text.replace(pattern, '[redacted]'), value);
}

function safeFields(fields: LogFields | undefined): LogFields {
  const out: LogFields = {};
  for (const [name, value] of Object.entries(fields ?? {})) {
    if (value === undefined) continue;
    out[name] = isSecretFieldName(name) ? '[redacted]' : typeof value === 'string' ? scrub(value) : value;
  }
  return out;
}

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function createLogger(write: (line: LogLine) => void, minimumLevel: LogLevel = 'info'): Logger {
  const at = (level: LogLevel) => (message: string, fields?: LogFields) => {
    if (order[level] < order[minimumLevel]) return;
    // Fields first so that a field can never overwrite the level, time or message.
    write({ ...safeFields(fields), t: new Date().toISOString(), level, message: scrub(message) });
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export function stderrLogger(minimumLevel: LogLevel = 'info'): Logger {
  return createLogger((line) => process.stderr.write(`${JSON.stringify(line)}\n`), minimumLevel);
}
