// Bundles main (ES module) and the preload (CommonJS: sandboxed preloads cannot be ESM).
import { build } from 'esbuild';
import { channelListAsData, contractChannelList } from './preload-channels.mjs';

const common = { bundle: true, minify: true, platform: 'node', target: 'node22', sourcemap: true, logLevel: 'warning', external: ['electron'] };

await Promise.all([
  build({
    ...common,
    entryPoints: ['main/index.ts'],
    outfile: 'dist/main/index.js',
    format: 'esm',
    // Bundled CommonJS dependencies still call require(); give them one.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  }),
  // The preload gets the channel list as data (see preload-channels.mjs): no zod inside.
  build({ ...common, entryPoints: ['preload/index.ts'], outfile: 'dist/preload/index.cjs', format: 'cjs', plugins: [channelListAsData(await contractChannelList())] }),
]);
console.log('built dist/main/index.js and dist/preload/index.cjs');
