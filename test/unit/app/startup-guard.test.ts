import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { guardStartup, logUnhandledRejections } from '../../../main/app/startup-guard.js';
import { recordingLogger } from '../../fixtures/recorders.js';

function deps(locale: () => 'en' | 'es' = () => 'en') {
  const logger = recordingLogger();
  const boxes: { title: string; content: string }[] = [];
  const exits: number[] = [];
  return {
    logger,
    boxes,
    exits,
    deps: { log: logger.log, locale, logPath: '/u/logs/main.log', showErrorBox: (title: string, content: string) => boxes.push({ title, content }), exit: (code: number) => exits.push(code) },
  };
}

describe('guardStartup', () => {
  it('does nothing more when start-up succeeds', async () => {
    const d = deps();
    let ran = false;
    await guardStartup(async () => void (ran = true), d.deps);
    expect(ran).toBe(true);
    expect(d.boxes).toEqual([]);
    expect(d.exits).toEqual([]);
  });

  it('logs the failure without its message, shows a translated box and exits', async () => {
    const d = deps(() => 'es');
    await guardStartup(async () => {
      throw new Error('could not read C:\\Users\\ada\\token=eyJ.secret');
    }, d.deps);
    expect(d.exits).toEqual([1]);
    expect(d.boxes).toEqual([{ title: 'ACS Softphone no pudo iniciarse', content: expect.stringContaining('/u/logs/main.log') }]);
    expect(d.boxes[0]!.content).toMatch(/Vuelva a iniciarlo/);
    expect(d.logger.lines).toEqual([{ level: 'error', message: 'start-up failed', fields: expect.objectContaining({ error: 'Error' }) }]);
    expect(JSON.stringify(d.logger.lines)).not.toContain('eyJ');
  });

  it('still exits, in English, when even the language cannot be read', async () => {
    const d = deps(() => {
      throw new Error('no locale');
    });
    await guardStartup(async () => {
      throw new Error('boom');
    }, d.deps);
    expect(d.boxes[0]!.title).toBe('ACS Softphone could not start');
    expect(d.exits).toEqual([1]);
  });

  it('exits even when the error box cannot be shown', async () => {
    const d = deps();
    const failingBox = { ...d.deps, showErrorBox: () => { throw new Error('no display'); } };
    await guardStartup(async () => {
      throw new Error('boom');
    }, failingBox);
    expect(d.exits).toEqual([1]);
    expect(d.logger.lines.map((l) => l.message)).toEqual(['start-up failed', 'start-up: could not show the error box']);
  });
});

describe('logUnhandledRejections', () => {
  it('logs the type of an unhandled rejection, never its content', () => {
    const processLike = new EventEmitter();
    const logger = recordingLogger();
    logUnhandledRejections(processLike as never, logger.log);
    processLike.emit('unhandledRejection', new RangeError('phone +14255550123'));
    processLike.emit('unhandledRejection', 'apiKey=abc');
    expect(logger.lines.map((l) => [l.message, l.fields?.error])).toEqual([
      ['unhandled promise rejection', 'RangeError'],
      ['unhandled promise rejection', 'string'],
    ]);
    expect(JSON.stringify(logger.lines)).not.toMatch(/1425|abc/);
  });
});
