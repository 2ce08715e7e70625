// Renders build/icon.svg to the PNG sizes the packagers want (build/icons/). electron-builder
// turns build/icons/icon.png (1024 px) into the Windows .ico and the macOS .icns itself.
// Usage: node scripts/make-icons.mjs [outputDirectory]
import { Resvg } from '@resvg/resvg-js';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const iconSizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

export function renderIcons(svgPath, outDir) {
  const svg = readFileSync(svgPath);
  mkdirSync(outDir, { recursive: true });
  const written = [];
  for (const size of iconSizes) {
    const png = new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();
    const file = join(outDir, `${size}x${size}.png`);
    writeFileSync(file, png);
    written.push(file);
    if (size === 1024) {
      writeFileSync(join(outDir, 'icon.png'), png);
      written.push(join(outDir, 'icon.png'));
    }
  }
  return written;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const outDir = process.argv[2] ?? join(root, 'build/icons');
  const files = renderIcons(join(root, 'build/icon.svg'), outDir);
  console.log(`wrote ${files.length} icons to ${outDir}`);
}
