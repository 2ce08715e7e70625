import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { RendererRecovery, repeatedCrashDialog, watchRenderer } from '../../../main/windows/renderer-recovery.js';
import { Translator } from '../../../main/i18n/translator.js';
import { recordingLogger } from '../../fixtures/recorders.js';

function setup(answer: 'retry' | 'quit' = 'quit') {
  let now = 0;
  const actions: string[] = [];
  const logger = recordingLogger();
  let resolveAsk: (() => void) | null = null;
  const recovery = new RendererRecovery({
    reload: () => actions.push('reload'),
    askAfterRepeatedCrashes: () =>
      new Promise((resolve) => {
        actions.push('ask');
        resolveAsk = () => resolve(answer);
      }),
    quit: () => actions.push('quit'),
    log: logger.log,
    now: () => now,
  });
  return {
    recovery,
    actions,
    logger,
    advance: (ms: number) => (now += ms),
    answer: async () => {
      resolveAsk!();
      await new Promise((r) => setTimeout(r, 0));
    },
  };
}

const crash = { reason: 'crashed', exitCode: 139 };

describe('RendererRecovery', () => {
  it('reloads after a crash and logs the reason', () => {
    const s = setup();
    s.recovery.processGone(crash);
    expect(s.actions).toEqual(['reload']);
    expect(s.logger.lines).toEqual([{ level: 'error', message: 'renderer: process gone', fields: { reason: 'crashed', exitCode: 139 } }]);
  });

  it('ignores a clean exit', () => {
    const s = setup();
    s.recovery.processGone({ reason: 'clean-exit', exitCode: 0 });
    expect(s.actions).toEqual([]);
  });

  it('stops reloading at the third crash within a minute and asks; Quit quits', async () => {
    const s = setup('quit');
    s.recovery.processGone(crash);
    s.advance(20_000);
    s.recovery.processGone({ reason: 'oom', exitCode: 1 });
    s.advance(20_000);
    s.recovery.processGone(crash);
    expect(s.actions).toEqual(['reload', 'reload', 'ask']);
    // A crash while the question is open changes nothing.
    s.recovery.processGone(crash);
    expect(s.actions).toEqual(['reload', 'reload', 'ask']);
    await s.answer();
    expect(s.actions).toEqual(['reload', 'reload', 'ask', 'quit']);
  });

  it('Try again reloads and starts counting afresh', async () => {
    const s = setup('retry');
    for (let i = 0; i < 3; i++) s.recovery.processGone(crash);
    await s.answer();
    expect(s.actions).toEqual(['reload', 'reload', 'ask', 'reload']);
    s.recovery.processGone(crash);
    expect(s.actions.at(-1)).toBe('reload');
  });

  it('keeps reloading crashes spread over more than a minute', () => {
    const s = setup();
    for (let i = 0; i < 6; i++) {
      s.recovery.processGone(crash);
      s.advance(31_000);
    }
    expect(s.actions).toEqual(Array(6).fill('reload'));
  });

  it('logs a hang and its end', () => {
    const s = setup();
    s.recovery.unresponsive();
    s.recovery.responsive();
    expect(s.logger.lines.map((l) => [l.level, l.message])).toEqual([
      ['warn', 'renderer: unresponsive'],
      ['info', 'renderer: responsive again'],
    ]);
    expect(s.actions).toEqual([]);
  });

  it('is wired to the window and its web contents', () => {
    const s = setup();
    const window = Object.assign(new EventEmitter(), { webContents: new EventEmitter() });
    watchRenderer(window as never, s.recovery);
    window.webContents.emit('render-process-gone', {}, crash);
    window.emit('unresponsive');
    expect(s.actions).toEqual(['reload']);
    expect(s.logger.lines.map((l) => l.message)).toEqual(['renderer: process gone', 'renderer: unresponsive']);
  });

  it('asks in the user language, naming the log file', () => {
    expect(repeatedCrashDialog(new Translator('es').t, '/u/logs/main.log')).toEqual({
      title: 'ACS Softphone dejó de funcionar',
      message: expect.stringContaining('varias veces seguidas'),
      detail: expect.stringContaining('/u/logs/main.log'),
      buttons: ['Volver a intentar', 'Salir'],
    });
  });
});
