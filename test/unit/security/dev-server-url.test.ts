import { describe, expect, it } from 'vitest';
import { devServerUrlFrom } from '../../../main/security/dev-server-url.js';
import { recordingLogger } from '../../fixtures/recorders.js';

describe('ACS_SOFTPHONE_DEV_SERVER_URL', () => {
  it.each([
    ['http://localhost:5173/', 'http://localhost:5173/'],
    ['http://localhost:5173', 'http://localhost:5173/'],
    ['http://127.0.0.1:4000/', 'http://127.0.0.1:4000/'],
    ['http://localhost/', 'http://localhost/'],
  ])('honours %s in development', (raw, expected) => {
    const logger = recordingLogger();
    expect(devServerUrlFrom(raw, { isPackaged: false, log: logger.log })).toBe(expected);
    expect(logger.lines).toEqual([]);
  });

  it.each([
    'https://evil.example/',
    'http://evil.example:5173/',
    'http://localhost.evil.example:5173/',
    'http://192.168.1.10:5173/',
    'http://[::1]:5173/',
    'https://localhost:5173/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'http://user:pass@localhost:5173/',
    'not a url',
  ])('ignores %s, with a log', (raw) => {
    const logger = recordingLogger();
    expect(devServerUrlFrom(raw, { isPackaged: false, log: logger.log })).toBeUndefined();
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]!.level).toBe('warn');
  });

  it('is ignored in a packaged app, even for localhost', () => {
    const logger = recordingLogger();
    expect(devServerUrlFrom('http://localhost:5173/', { isPackaged: true, log: logger.log })).toBeUndefined();
    expect(logger.lines[0]!.message).toMatch(/packaged/);
  });

  it('is simply absent when unset', () => {
    const logger = recordingLogger();
    expect(devServerUrlFrom(undefined, { isPackaged: false, log: logger.log })).toBeUndefined();
    expect(devServerUrlFrom('', { isPackaged: true, log: logger.log })).toBeUndefined();
    expect(logger.lines).toEqual([]);
  });
});
