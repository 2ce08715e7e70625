/**
 * The start-up line in the support log: the renderer reports when its shell was interactive, and
 * main writes that figure with its own time since launch. Numbers only, in range, nothing else.
 */
import { describe, expect, it } from 'vitest';
import { appFrame, startTestMainServices } from '../../fixtures/main-services.js';

describe('app:reportStartup', () => {
  it('writes one log line with the page\'s figure and the time since launch, rounded', async () => {
    const { services, logger } = startTestMainServices({ sinceLaunchMs: () => 1234.6 });
    const result = await services.router.dispatch('app:reportStartup', { sinceNavigationMs: 191.4 }, appFrame);
    expect(result).toEqual({ ok: true, value: undefined });
    expect(logger.lines.filter((line) => line.message.startsWith('startup:'))).toEqual([
      { level: 'info', message: 'startup: shell interactive', fields: { sinceNavigationMs: 191, sinceLaunchMs: 1235 } },
    ]);
  });

  it.each([-1, 600_001, Number.POSITIVE_INFINITY, Number.NaN, '191', null])('refuses %s as the figure and logs nothing', async (figure) => {
    const { services, logger } = startTestMainServices();
    const result = await services.router.dispatch('app:reportStartup', { sinceNavigationMs: figure }, appFrame);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    expect(logger.lines.some((line) => line.message.startsWith('startup:'))).toBe(false);
  });

  it('counts the launch from main\'s own clock by default', async () => {
    const { services, logger } = startTestMainServices();
    const before = performance.now();
    await services.router.dispatch('app:reportStartup', { sinceNavigationMs: 0 }, appFrame);
    const fields = logger.lines.find((line) => line.message === 'startup: shell interactive')!.fields!;
    expect(fields.sinceLaunchMs).toBeGreaterThanOrEqual(Math.floor(before));
    expect(fields.sinceLaunchMs).toBeLessThanOrEqual(Math.ceil(performance.now()));
  });
});
