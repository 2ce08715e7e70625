import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RotatingLogFile } from '../../../main/app/log-file.js';
import { createAppLogger, createLogger, describeError, formatLogLine } from '../../../main/app/logger.js';
import { tempDir } from '../../fixtures/main-services.js';

describe('RotatingLogFile', () => {
  it('creates the logs folder and appends one line per entry', () => {
    const directory = join(tempDir(), 'logs');
    const file = new RotatingLogFile({ directory });
    file.write('{"a":1}');
    file.write('{"b":2}');
    expect(file.path).toBe(join(directory, 'main.log'));
    expect(readFileSync(file.path, 'utf8')).toBe('{"a":1}\n{"b":2}\n');
  });

  it('rotates before passing the cap and keeps only the newest files', () => {
    const directory = tempDir();
    const file = new RotatingLogFile({ directory, maxBytes: 100, keep: 2 });
    for (let i = 0; i < 40; i++) file.write(`line ${String(i).padStart(2, '0')} ${'x'.repeat(20)}`);
    expect(readdirSync(directory).sort()).toEqual(['main.1.log', 'main.2.log', 'main.log']);
    for (const name of readdirSync(directory)) expect(readFileSync(join(directory, name)).length).toBeLessThanOrEqual(100);
    expect(readFileSync(join(directory, 'main.log'), 'utf8')).toContain('line 39');
    const total = readdirSync(directory).map((n) => readFileSync(join(directory, n), 'utf8')).join('');
    expect(total).not.toContain('line 00');
  });

  it('counts what an earlier run left in the file', () => {
    const directory = tempDir();
    writeFileSync(join(directory, 'main.log'), 'x'.repeat(90) + '\n');
    new RotatingLogFile({ directory, maxBytes: 100 }).write('y'.repeat(20));
    expect(readFileSync(join(directory, 'main.1.log'), 'utf8')).toHaveLength(91);
    expect(readFileSync(join(directory, 'main.log'), 'utf8')).toBe('y'.repeat(20) + '\n');
  });

  it('never throws when the file cannot be written', () => {
    const directory = tempDir();
    mkdirSync(join(directory, 'main.log')); // a folder where the file should be
    const file = new RotatingLogFile({ directory });
    expect(() => file.write('lost')).not.toThrow();
    if (process.getuid?.() !== 0) {
      const readOnly = join(tempDir(), 'ro');
      mkdirSync(readOnly);
      chmodSync(readOnly, 0o500);
      expect(() => new RotatingLogFile({ directory: join(readOnly, 'logs') }).write('lost')).not.toThrow();
    }
  });

  it('gets scrubbed lines from the app logger', () => {
    const directory = tempDir();
    const file = new RotatingLogFile({ directory });
    const stderr = process.stderr.write;
    process.stderr.write = (() => true) as typeof process.stderr.write;
    try {
      createAppLogger(file).warn('token refresh failed', { accessToken: 'eyJ.secret', status: 401 });
    } finally {
      process.stderr.write = stderr;
    }
    const line = JSON.parse(readFileSync(file.path, 'utf8').trim());
    expect(line).toMatchObject({ level: 'warn', message: 'token refresh failed', fields: { accessToken: '[redacted]', status: 401 } });
    expect(typeof line.t).toBe('string');
    expect(existsSync(file.path)).toBe(true);
  });
});

describe('describeError', () => {
  it('gives the type, code and frames, never the message', () => {
    const error = Object.assign(new TypeError('token eyJ.secret for +14255550123\nat not-a-frame'), { code: 'ERR_BAD' });
    const fields = describeError(error);
    expect(fields).toMatchObject({ error: 'TypeError', code: 'ERR_BAD' });
    expect((fields.at as string[]).length).toBeGreaterThan(0);
    expect(JSON.stringify(fields)).not.toMatch(/eyJ|1425|not-a-frame/);
  });

  it('describes non-errors by their type only', () => {
    expect(describeError('secret text')).toEqual({ error: 'string' });
    expect(describeError(null)).toEqual({ error: 'null' });
    expect(describeError({ token: 'x' })).toEqual({ error: 'object' });
  });

  it('keeps the time first in a formatted line', () => {
    const lines: string[] = [];
    createLogger((line) => lines.push(formatLogLine(line, new Date('2026-01-01T00:00:00Z')))).info('hello');
    expect(lines).toEqual(['{"t":"2026-01-01T00:00:00.000Z","level":"info","message":"hello"}']);
  });
});
