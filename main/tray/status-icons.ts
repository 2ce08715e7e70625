/**
 * The tray's status icons and the taskbar's badge, drawn in code: a presence dot per status
 * (the colours people know from Teams/Outlook, plus a shape so they do not rely on colour
 * alone), with an outline that keeps it visible on light and dark taskbars, at 1× and 2×.
 * Drawing here rather than shipping PNGs keeps the set complete and consistent by construction.
 */
import type { PresenceStatus } from '../../contract/channels-tray.js';
import { encodePng, type RgbaImage } from './png.js';

export type TrayTheme = 'light' | 'dark';
type Rgba = readonly [number, number, number, number];

export const statusColours: Record<PresenceStatus, Rgba> = {
  available: [0x13, 0xa1, 0x0e, 255],
  busy: [0xc5, 0x0f, 0x1f, 255],
  inACall: [0xc5, 0x0f, 0x1f, 255],
  doNotDisturb: [0xc5, 0x0f, 0x1f, 255],
  beRightBack: [0xea, 0xa3, 0x00, 255],
  away: [0xea, 0xa3, 0x00, 255],
  appearOffline: [0x8a, 0x88, 0x86, 255],
};

/** The shape drawn inside the dot, so statuses differ for people who do not see colour. */
export const statusGlyphs: Record<PresenceStatus, 'none' | 'bar' | 'dot' | 'clock' | 'hollow'> = {
  available: 'none',
  busy: 'none',
  inACall: 'dot',
  doNotDisturb: 'bar',
  beRightBack: 'dot',
  away: 'clock',
  appearOffline: 'hollow',
};

const white: Rgba = [255, 255, 255, 255];
/** Outline against the taskbar: dark on light themes, light on dark ones. */
const outlines: Record<TrayTheme, Rgba> = { light: [0x1f, 0x1f, 0x1f, 200], dark: [0xff, 0xff, 0xff, 220] };

type Shader = (x: number, y: number) => Rgba | null;

/** Renders a shader with 4×4 supersampling (smooth edges without a graphics library). */
function render(size: number, shade: Shader): RgbaImage {
  const rgba = new Uint8Array(size * size * 4);
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const colour = shade(px + (sx + 0.5) / samples, py + (sy + 0.5) / samples);
          if (!colour) continue;
          const alpha = colour[3] / 255;
          r += colour[0] * alpha;
          g += colour[1] * alpha;
          b += colour[2] * alpha;
          a += alpha;
        }
      }
      const i = (py * size + px) * 4;
      if (a > 0) {
        rgba[i] = Math.round(r / a);
        rgba[i + 1] = Math.round(g / a);
        rgba[i + 2] = Math.round(b / a);
        rgba[i + 3] = Math.round((a / (samples * samples)) * 255);
      }
    }
  }
  return { width: size, height: size, rgba };
}

export function drawStatusIcon(status: PresenceStatus, theme: TrayTheme, size: number): RgbaImage {
  const c = size / 2;
  const outer = size / 2 - size / 32;
  const line = Math.max(1, size / 16);
  const inner = outer - line;
  const fill = statusColours[status];
  const glyph = statusGlyphs[status];
  return render(size, (x, y) => {
    const d = Math.hypot(x - c, y - c);
    if (d > outer) return null;
    if (d > inner) return outlines[theme];
    if (glyph === 'hollow') return d > inner - size * 0.16 ? fill : null;
    if (glyph === 'bar' && Math.abs(y - c) < size * 0.09 && Math.abs(x - c) < size * 0.26) return white;
    if (glyph === 'dot' && d < size * 0.15) return white;
    // A clock's hands: up from the centre, then right.
    if (glyph === 'clock' && ((Math.abs(x - c) < size * 0.06 && y < c + size * 0.05 && y > c - size * 0.27) || (Math.abs(y - c) < size * 0.06 && x > c - size * 0.05 && x < c + size * 0.22))) return white;
    return fill;
  });
}

/** 3×5 digits for the badge (and "+" for more than nine). */
const digitFont: Record<string, string[]> = {
  '0': ['###', '#.#', '#.#', '#.#', '###'],
  '1': ['.#.', '##.', '.#.', '.#.', '###'],
  '2': ['###', '..#', '###', '#..', '###'],
  '3': ['###', '..#', '###', '..#', '###'],
  '4': ['#.#', '#.#', '###', '..#', '..#'],
  '5': ['###', '#..', '###', '..#', '###'],
  '6': ['###', '#..', '###', '#.#', '###'],
  '7': ['###', '..#', '..#', '..#', '..#'],
  '8': ['###', '#.#', '###', '#.#', '###'],
  '9': ['###', '#.#', '###', '..#', '###'],
  '+': ['...', '.#.', '###', '.#.', '...'],
};

export function badgeText(count: number): string {
  return count > 9 ? '9+' : String(count);
}

/** Windows taskbar overlay: a red disc with the count in white. */
export function drawBadge(count: number, size: number): RgbaImage {
  const text = badgeText(count);
  const c = size / 2;
  const radius = size / 2 - size / 32;
  const cell = text.length === 1 ? size / 8 : size / 10;
  const width = text.length * 3 * cell + (text.length - 1) * cell;
  const left = c - width / 2;
  const top = c - (5 * cell) / 2;
  const red: Rgba = [0xc4, 0x2b, 0x1c, 255];
  return render(size, (x, y) => {
    if (Math.hypot(x - c, y - c) > radius) return null;
    const col = Math.floor((x - left) / cell);
    const row = Math.floor((y - top) / cell);
    if (row < 0 || row > 4 || col < 0) return red;
    const charIndex = Math.floor(col / 4);
    const charCol = col % 4;
    const ch = text[charIndex];
    if (!ch || charCol === 3) return red;
    return digitFont[ch]?.[row]?.[charCol] === '#' ? white : red;
  });
}

export interface IconPair {
  /** 16×16 and 32×32 PNG: the tray's logical size and its HiDPI representation. */
  x1: Buffer;
  x2: Buffer;
}

const cache = new Map<string, IconPair>();

export function statusIconPng(status: PresenceStatus, theme: TrayTheme): IconPair {
  const key = `${status}/${theme}`;
  let pair = cache.get(key);
  if (!pair) {
    pair = { x1: encodePng(drawStatusIcon(status, theme, 16)), x2: encodePng(drawStatusIcon(status, theme, 32)) };
    cache.set(key, pair);
  }
  return pair;
}

export function badgePng(count: number): IconPair {
  return { x1: encodePng(drawBadge(count, 16)), x2: encodePng(drawBadge(count, 32)) };
}
