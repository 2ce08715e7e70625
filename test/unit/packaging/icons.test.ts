/** scripts/make-icons.mjs renders the one source SVG to every size the packagers want. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { iconSizes, renderIcons } from '../../../scripts/make-icons.mjs';

const root = new URL('../../../', import.meta.url).pathname;

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('make-icons', () => {
  it('writes square PNGs of every size, and a 1024 px icon.png for electron-builder', () => {
    const out = mkdtempSync(join(tmpdir(), 'icons-'));
    const files = renderIcons(join(root, 'build/icon.svg'), out);
    expect(files).toHaveLength(iconSizes.length + 1);
    for (const size of iconSizes) expect(pngSize(join(out, `${size}x${size}.png`))).toEqual({ width: size, height: size });
    expect(pngSize(join(out, 'icon.png'))).toEqual({ width: 1024, height: 1024 });
    // Windows wants 256 px for its .ico and macOS 512/1024 for the .icns.
    expect(iconSizes).toEqual(expect.arrayContaining([16, 32, 48, 256, 512, 1024]));
  });

  it('draws the artwork, not a blank canvas (a blank 1024 px PNG compresses to a few hundred bytes)', () => {
    const out = mkdtempSync(join(tmpdir(), 'icons-'));
    renderIcons(join(root, 'build/icon.svg'), out);
    expect(readFileSync(join(out, '1024x1024.png')).length).toBeGreaterThan(10_000);
  });
});
