// The preload needs only the contract's channel names and kinds. This computes them from the
// contract itself at build time and hands them to esbuild as data, replacing
// preload/channel-list.ts, so the schemas (zod, ~450 KB) never enter the preload bundle while
// the contract stays the one place a channel is declared.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));

/** Every channel's { group, name, channel, kind }, read from contract/ (bundled and run here). */
export async function contractChannelList() {
  const result = await build({
    stdin: { contents: "export { listChannelNames } from './contract/index.ts';", resolveDir: root, loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'silent',
  });
  const code = Buffer.from(result.outputFiles[0].text).toString('base64');
  const { listChannelNames } = await import(`data:text/javascript;base64,${code}`);
  return listChannelNames();
}

/** esbuild plugin: preload/channel-list.ts becomes `list` as a frozen literal. */
export function channelListAsData(list) {
  return {
    name: 'channel-list-as-data',
    setup(pluginBuild) {
      pluginBuild.onLoad({ filter: /[\\/]preload[\\/]channel-list\.ts$/ }, () => ({
        contents: `export const channelList = Object.freeze(${JSON.stringify(list)}.map(Object.freeze));`,
        loader: 'js',
      }));
    },
  };
}
