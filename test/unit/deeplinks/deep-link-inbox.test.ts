import { describe, expect, it } from 'vitest';
import { DeepLinkInbox } from '../../../main/deeplinks/deep-link-inbox.js';
import type { DeepLink, LinkRefusal } from '../../../main/deeplinks/parse-link.js';
import { recordingLogger } from '../../fixtures/recorders.js';

function inbox() {
  const delivered: (DeepLink | { refused: LinkRefusal })[] = [];
  const logger = recordingLogger();
  const box = new DeepLinkInbox({ deliver: (l) => delivered.push(l), refuse: (reason) => delivered.push({ refused: reason }) }, logger.log);
  return { box, delivered, logger };
}

describe('deep-link inbox', () => {
  it('queues links until the renderer is ready, then delivers them in order', () => {
    const { box, delivered } = inbox();
    expect(box.receive('tel:+34600000001', 'argv')).toBe(true);
    expect(box.receive('javascript:alert(1)', 'open-url')).toBe(false);
    box.post({ kind: 'action', action: { action: 'showMissedCalls' } });
    expect(delivered).toEqual([]);
    expect(box.queued).toBe(3);
    box.markReady();
    expect(delivered).toEqual([
      { kind: 'dial', dial: { number: '+34600000001', extension: null, source: 'tel' } },
      { refused: 'unknownScheme' },
      { kind: 'action', action: { action: 'showMissedCalls' } },
    ]);
    box.receive('tel:+34600000002', 'argv');
    expect(delivered).toHaveLength(4);
  });

  it('queues again after the renderer goes away (reload)', () => {
    const { box, delivered } = inbox();
    box.markReady();
    box.markNotReady();
    box.receive('tel:+34600000003', 'argv');
    expect(delivered).toEqual([]);
    box.markReady();
    expect(delivered).toHaveLength(1);
  });

  it('keeps at most 16 waiting links (the newest)', () => {
    const { box, delivered } = inbox();
    for (let i = 0; i < 40; i++) box.receive(`tel:+3460000${String(i).padStart(4, '0')}`, 'argv');
    box.markReady();
    expect(delivered).toHaveLength(16);
    expect(delivered[0]).toMatchObject({ dial: { number: '+34600000024' } });
  });

  it('logs the kind of link or the refusal reason, never the number', () => {
    const { box, logger } = inbox();
    box.receive('tel:+34600123456', 'argv');
    box.receive('tel:1-800-FLOWERS', 'open-url');
    expect(JSON.stringify(logger.lines)).not.toContain('600123456');
    expect(JSON.stringify(logger.lines)).not.toContain('FLOWERS');
    expect(logger.lines.map((l) => l.fields)).toEqual([
      { via: 'argv', kind: 'dial:tel' },
      { via: 'open-url', reason: 'badNumber' },
    ]);
  });
});
