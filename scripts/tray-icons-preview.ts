/**
 * Draws every tray icon (each status, light and dark taskbar, 1× and 2×) and a few badges into
 * one PNG, so a reviewer can see them without Windows or macOS:
 *   npx tsx scripts/tray-icons-preview.ts [out.png]   (default docs/screenshots/tray-icons.png)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { PresenceStatus } from '../contract/channels-tray.js';
import { encodePng, type RgbaImage } from '../main/tray/png.js';
import { drawBadge, drawStatusIcon, statusColours } from '../main/tray/status-icons.js';

const out = process.argv[2] ?? 'docs/screenshots/tray-icons.png';
const statuses = Object.keys(statusColours) as PresenceStatus[];
const cell = 48;
const backgrounds = { light: [0xf3, 0xf3, 0xf3], dark: [0x20, 0x20, 0x20] } as const;
const rows = 4; // light 1×, light 2×, dark 1×, dark 2×
const width = cell * (statuses.length + 1);
const height = cell * (rows + 1);
const sheet: RgbaImage = { width, height, rgba: new Uint8Array(width * height * 4) };

function fill(x0: number, y0: number, w: number, h: number, rgb: readonly number[]) {
  for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) sheet.rgba.set([rgb[0]!, rgb[1]!, rgb[2]!, 255], (y * width + x) * 4);
}

function blit(image: RgbaImage, x0: number, y0: number) {
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const s = (y * image.width + x) * 4;
      const d = ((y0 + y) * width + x0 + x) * 4;
      const a = image.rgba[s + 3]! / 255;
      for (let c = 0; c < 3; c++) sheet.rgba[d + c] = Math.round(image.rgba[s + c]! * a + sheet.rgba[d + c]! * (1 - a));
    }
  }
}

for (const [row, [theme, size]] of ([['light', 16], ['light', 32], ['dark', 16], ['dark', 32]] as const).entries()) {
  fill(0, row * cell, width, cell, backgrounds[theme]);
  statuses.forEach((status, col) => {
    const offset = (cell - size) / 2;
    blit(drawStatusIcon(status, theme, size), col * cell + offset, row * cell + offset);
  });
}
fill(0, rows * cell, width, cell, backgrounds.light);
[1, 3, 7, 12].forEach((count, col) => blit(drawBadge(count, 32), col * cell + 8, rows * cell + 8));

mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, encodePng(sheet));
console.log(`wrote ${out}: columns ${statuses.join(', ')}; rows light 1×/2×, dark 1×/2×, badges 1/3/7/12`);
