import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LiveSettings } from './live/runtime.js';
import type { LogLevel } from './logger.js';

/**
 * Everything the service reads from its environment, checked once at start-up. Every variable is
 * documented in org-service/README.md. Problems are collected and reported together, and a
 * message never contains the value of a secret.
 */
export interface OidcConfig {
  issuer: string;
  /** Accepted `aud` values (comma-separated in the environment). */
  audience: string[];
  /** Where the issuer's signing keys are; discovered from the issuer's metadata when absent. */
  jwksUri?: string;
  /** Claims tried in order for the organisation user id. */
  userClaims: string[];
  /** A scope (`scp`) or app role (`roles`) the token must carry, if set. */
  requiredScope?: string;
  clockToleranceSeconds: number;
}

export interface ServiceConfig {
  host: string;
  port: number;
  databasePath: string;
  acsConnectionString?: string;
  acsConnectionStringFile?: string;
  /** ACS allows 60–1440 minutes. */
  tokenLifetimeMinutes: number;
  acsTimeoutMs: number;
  acsMaxRetries: number;
  /** Retry-After sent when ACS fails and did not say how long to wait itself. */
  acsRetryAfterSeconds: number;
  oidc?: OidcConfig;
  apiKeysEnabled: boolean;
  rateLimitPerUserPerMinute: number;
  rateLimitDirectoryPerUserPerMinute: number;
  rateLimitPerIpPerMinute: number;
  trustProxy: boolean;
  tls?: { certFile: string; keyFile: string };
  logLevel: LogLevel;
  /** LIVE_HEARTBEAT_SECONDS, LIVE_LOG_MAX_EVENTS, LIVE_MAX_CONNECTIONS_PER_USER, LIVE_REAUTH_SECONDS, PRESENCE_OFFLINE_GRACE_SECONDS. */
  live: LiveSettings;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid token service configuration:\n- ${problems.join('\n- ')}`);
  }
}

/** org-service/ itself, so that the default database lands in org-service/data/ wherever npm runs us from. */
export const packageDirectory = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

type Env = Record<string, string | undefined>;

/** npm runs workspace scripts inside org-service/; relative paths mean what the user typed them relative to. */
function pathFrom(env: Env, value: string): string {
  return isAbsolute(value) ? value : resolve(env.INIT_CWD ?? process.cwd(), value);
}

export function databasePathFrom(env: Env): string {
  const value = env.TOKEN_SERVICE_DB?.trim();
  return value ? pathFrom(env, value) : resolve(packageDirectory, 'data', 'org-service.sqlite');
}

export function loadConfig(env: Env = process.env): ServiceConfig {
  const problems: string[] = [];
  const text = (name: string) => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  const integer = (name: string, fallback: number, min: number, max: number) => {
    const value = text(name);
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${value}").`);
      return fallback;
    }
    return parsed;
  };
  const flag = (name: string, fallback: boolean) => {
    const value = text(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(value)) return true;
    if (['0', 'false', 'no', 'off'].includes(value)) return false;
    problems.push(`${name} must be true or false (got "${value}").`);
    return fallback;
  };
  const httpsUrl = (name: string, allowHttpLoopback: boolean) => {
    const value = text(name);
    if (value === undefined) return undefined;
    try {
      const url = new URL(value);
      const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
      if (url.protocol === 'https:' || (allowHttpLoopback && loopback && url.protocol === 'http:')) return value;
      problems.push(`${name} must be an https URL (plain http is accepted only for localhost).`);
    } catch {
      problems.push(`${name} must be a URL (got "${value}").`);
    }
    return undefined;
  };

  const acsConnectionString = text('ACS_CONNECTION_STRING');
  const acsConnectionStringFile = text('ACS_CONNECTION_STRING_FILE');
  if (acsConnectionString && acsConnectionStringFile) problems.push('Set ACS_CONNECTION_STRING or ACS_CONNECTION_STRING_FILE, not both.');

  let oidc: OidcConfig | undefined;
  const issuer = httpsUrl('OIDC_ISSUER', true);
  const audience = (text('OIDC_AUDIENCE') ?? '').split(',').map((a) => a.trim()).filter(Boolean);
  if (issuer) {
    if (audience.length === 0) problems.push('OIDC_AUDIENCE is required when OIDC_ISSUER is set (e.g. api://<application id>).');
    const jwksUri = httpsUrl('OIDC_JWKS_URI', true);
    const requiredScope = text('OIDC_REQUIRED_SCOPE');
    oidc = {
      issuer,
      audience,
      userClaims: (text('OIDC_USER_CLAIM') ?? 'oid,sub').split(',').map((c) => c.trim()).filter(Boolean),
      clockToleranceSeconds: integer('OIDC_CLOCK_TOLERANCE_SECONDS', 60, 0, 300),
      ...(jwksUri ? { jwksUri } : {}),
      ...(requiredScope ? { requiredScope } : {}),
    };
  } else if (text('OIDC_AUDIENCE') || text('OIDC_JWKS_URI')) {
    problems.push('OIDC_AUDIENCE / OIDC_JWKS_URI are set but OIDC_ISSUER is not.');
  }

  const certFile = text('TLS_CERT_FILE');
  const keyFile = text('TLS_KEY_FILE');
  if (Boolean(certFile) !== Boolean(keyFile)) problems.push('Set both TLS_CERT_FILE and TLS_KEY_FILE, or neither.');

  const logLevel = (text('LOG_LEVEL') ?? 'info') as LogLevel;
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) problems.push('LOG_LEVEL must be debug, info, warn or error.');

  const config: ServiceConfig = {
    host: text('HOST') ?? '127.0.0.1',
    port: integer('PORT', 8787, 0, 65535),
    databasePath: databasePathFrom(env),
    tokenLifetimeMinutes: integer('ACS_TOKEN_LIFETIME_MINUTES', 480, 60, 1440),
    acsTimeoutMs: integer('ACS_TIMEOUT_MS', 10_000, 100, 120_000),
    acsMaxRetries: integer('ACS_MAX_RETRIES', 2, 0, 10),
    acsRetryAfterSeconds: integer('ACS_RETRY_AFTER_SECONDS', 10, 1, 3600),
    // API keys are for development; once an organisation issuer is configured they are off unless asked for.
    apiKeysEnabled: flag('API_KEYS_ENABLED', !issuer),
    rateLimitPerUserPerMinute: integer('RATE_LIMIT_PER_USER_PER_MINUTE', 30, 1, 100_000),
    rateLimitDirectoryPerUserPerMinute: integer('RATE_LIMIT_DIRECTORY_PER_USER_PER_MINUTE', 600, 1, 100_000),
    rateLimitPerIpPerMinute: integer('RATE_LIMIT_PER_IP_PER_MINUTE', 600, 1, 1_000_000),
    trustProxy: flag('TRUST_PROXY', false),
    logLevel,
    live: {
      heartbeatSeconds: integer('LIVE_HEARTBEAT_SECONDS', 15, 1, 300),
      logMaxEvents: integer('LIVE_LOG_MAX_EVENTS', 1000, 10, 100_000),
      maxConnectionsPerUser: integer('LIVE_MAX_CONNECTIONS_PER_USER', 5, 1, 100),
      reauthSeconds: integer('LIVE_REAUTH_SECONDS', 60, 1, 3600),
      presenceGraceSeconds: integer('PRESENCE_OFFLINE_GRACE_SECONDS', 30, 0, 3600),
    },
    ...(acsConnectionString ? { acsConnectionString } : {}),
    ...(acsConnectionStringFile ? { acsConnectionStringFile: pathFrom(env, acsConnectionStringFile) } : {}),
    ...(oidc ? { oidc } : {}),
    ...(certFile && keyFile ? { tls: { certFile: pathFrom(env, certFile), keyFile: pathFrom(env, keyFile) } } : {}),
  };
  if (!config.oidc && !config.apiKeysEnabled) problems.push('No way to sign in: configure OIDC_ISSUER or enable API_KEYS_ENABLED.');
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
