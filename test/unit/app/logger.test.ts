import { describe, expect, it } from 'vitest';
import { createLogger, type LogLine } from '../../../main/app/logger.js';

describe('logger', () => {
  it('never writes fields that may hold secrets or message text', () => {
    const lines: LogLine[] = [];
    const log = createLogger((line) => lines.push(line));
    log.info('token refreshed', { accessToken: 'eyJ.secret', apiKey: 'k', messageText: 'hello', channel: 'x', expiresInMinutes: 30 });
    expect(lines[0]!.fields).toEqual({ accessToken: '[redacted]', apiKey: '[redacted]', messageText: '[redacted]', channel: 'x', expiresInMinutes: 30 });
    expect(JSON.stringify(lines)).not.toMatch(/eyJ|hello/);
  });
});
