import { readFileSync } from 'node:fs';

/**
 * Reads and checks the ACS connection string. The SDK's own parser puts the whole string (with its
 * access key) into its error message, so we validate first and word our errors ourselves: nothing
 * here ever echoes the value.
 */
export interface AcsConnection {
  /** The resource endpoint, normalised with a trailing slash, e.g. https://x.communication.azure.com/ */
  endpoint: string;
  /** The full connection string, handed only to CommunicationIdentityClient. */
  connectionString: string;
}

export class ConnectionStringError extends Error {
  override name = 'ConnectionStringError';
}

export function parseAcsConnectionString(raw: string): AcsConnection {
  const connectionString = raw.trim();
  const parts = new Map<string, string>();
  for (const part of connectionString.split(';')) {
    const at = part.indexOf('=');
    if (at > 0) parts.set(part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim());
  }
  const endpoint = parts.get('endpoint');
  const accessKey = parts.get('accesskey');
  if (!endpoint || !accessKey) {
    throw new ConnectionStringError('The ACS connection string must look like "endpoint=https://<resource>.communication.azure.com/;accesskey=<key>".');
  }
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new ConnectionStringError('The endpoint in the ACS connection string is not a URL.');
  }
  if (url.protocol !== 'https:') throw new ConnectionStringError('The endpoint in the ACS connection string must use https.');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(accessKey)) throw new ConnectionStringError('The access key in the ACS connection string is not base64.');
  return { endpoint: `${url.origin}/`, connectionString };
}

/** From ACS_CONNECTION_STRING, or from the file named by ACS_CONNECTION_STRING_FILE (e.g. a mounted Key Vault secret). */
export function readAcsConnection(source: { value?: string; file?: string }): AcsConnection {
  if (source.value && source.file) {
    throw new ConnectionStringError('Set ACS_CONNECTION_STRING or ACS_CONNECTION_STRING_FILE, not both.');
  }
  if (source.file) {
    let text: string;
    try {
      text = readFileSync(source.file, 'utf8');
    } catch {
      throw new ConnectionStringError(`ACS_CONNECTION_STRING_FILE could not be read (${source.file}).`);
    }
    return parseAcsConnectionString(text);
  }
  if (source.value) return parseAcsConnectionString(source.value);
  throw new ConnectionStringError('No ACS connection string: set ACS_CONNECTION_STRING or ACS_CONNECTION_STRING_FILE.');
}
