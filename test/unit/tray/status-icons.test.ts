import { describe, expect, it } from 'vitest';
import type { PresenceStatus } from '../../../contract/channels-tray.js';
import { decodePng, encodePng } from '../../../main/tray/png.js';
import { badgePng, badgeText, drawStatusIcon, statusColours, statusIconPng } from '../../../main/tray/status-icons.js';

const statuses = Object.keys(statusColours) as PresenceStatus[];

function pixel(image: { width: number; rgba: Uint8Array }, x: number, y: number): number[] {
  const i = (y * image.width + x) * 4;
  return [...image.rgba.subarray(i, i + 4)];
}

describe('PNG encoding', () => {
  it('round-trips pixels exactly', () => {
    const rgba = new Uint8Array(3 * 2 * 4).map((_, i) => (i * 37) % 256);
    const png = encodePng({ width: 3, height: 2, rgba });
    expect([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    expect(decodePng(png)).toEqual({ width: 3, height: 2, rgba });
  });

  it('detects a damaged file', () => {
    const png = encodePng({ width: 1, height: 1, rgba: new Uint8Array([1, 2, 3, 4]) });
    png[20] = png[20]! ^ 0xff;
    expect(() => decodePng(png)).toThrow(/CRC/);
  });
});

describe('status icons', () => {
  it.each(statuses)('%s: 16 px and 32 px, transparent corners, status colour inside', (status) => {
    for (const theme of ['light', 'dark'] as const) {
      const { x1, x2 } = statusIconPng(status, theme);
      const small = decodePng(x1);
      const large = decodePng(x2);
      expect([small.width, small.height, large.width, large.height]).toEqual([16, 16, 32, 32]);
      expect(pixel(small, 0, 0)[3]).toBe(0);
      expect(pixel(large, 31, 31)[3]).toBe(0);
      // A point inside the dot but off the glyph carries the status colour.
      const sample = status === 'appearOffline' ? pixel(large, 16, 5) : pixel(large, 9, 22);
      expect(sample.slice(0, 3), `${status}/${theme}`).toEqual(statusColours[status].slice(0, 3));
    }
  });

  it('gives every status a different picture (colour or glyph)', () => {
    const pictures = statuses.map((s) => Buffer.from(drawStatusIcon(s, 'light', 32).rgba).toString('base64'));
    expect(new Set(pictures).size).toBe(statuses.length);
  });

  it('draws a white glyph where colour alone would not tell statuses apart', () => {
    expect(pixel(drawStatusIcon('doNotDisturb', 'light', 32), 16, 16)).toEqual([255, 255, 255, 255]);
    expect(pixel(drawStatusIcon('inACall', 'light', 32), 16, 16)).toEqual([255, 255, 255, 255]);
    expect(pixel(drawStatusIcon('busy', 'light', 32), 16, 16).slice(0, 3)).toEqual(statusColours.busy.slice(0, 3));
    expect(pixel(drawStatusIcon('appearOffline', 'light', 32), 16, 16)[3]).toBe(0);
  });

  it('outlines dark on light taskbars and light on dark ones', () => {
    const edge = (theme: 'light' | 'dark') => pixel(drawStatusIcon('available', theme, 32), 16, 1);
    expect(edge('light')[0]).toBeLessThan(80);
    expect(edge('dark')[0]).toBeGreaterThan(200);
  });
});

describe('badge', () => {
  it('shows 1–9, then 9+', () => {
    expect([1, 9, 10, 250].map(badgeText)).toEqual(['1', '9', '9+', '9+']);
  });

  it('draws different counts differently, red with white digits', () => {
    const one = decodePng(badgePng(1).x2);
    const seven = decodePng(badgePng(7).x2);
    expect(Buffer.from(one.rgba).equals(Buffer.from(seven.rgba))).toBe(false);
    const colours = new Set<string>();
    for (let i = 0; i < seven.rgba.length; i += 4) if (seven.rgba[i + 3] === 255) colours.add(String([...seven.rgba.subarray(i, i + 3)]));
    expect(colours).toContain('255,255,255');
    expect(colours).toContain('196,43,28');
  });
});
