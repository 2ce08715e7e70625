/**
 * The shipped preload carries the contract's channel names and kinds as data, not the schemas:
 * the list computed at build time is the contract's own, the bundle holds no zod, and the
 * `window.softphone` it exposes (run here against a stand-in for Electron) is the contract's.
 */
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { eventMethodName, listChannelNames, listChannels } from '../../../contract/index.js';
import { channelListAsData, contractChannelList } from '../../../scripts/preload-channels.mjs';
import { startupReads } from '../../../contract/startup-reads.js';

const root = new URL('../../../', import.meta.url).pathname;

async function bundlePreload(): Promise<string> {
  const result = await build({
    entryPoints: [`${root}preload/index.ts`],
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    external: ['electron'],
    write: false,
    logLevel: 'silent',
    plugins: [channelListAsData(await contractChannelList())],
  });
  return result.outputFiles[0]!.text;
}

/** esbuild runs once for the file; the tests that read the bundle share it. */
let bundled: Promise<string> | undefined;
const preloadBundle = (): Promise<string> => (bundled ??= bundlePreload());

describe('the preload bundle', () => {
  it('gets the channel list computed from the contract itself', async () => {
    expect(await contractChannelList()).toEqual(listChannelNames());
    expect(listChannelNames()).toEqual(listChannels().map((c) => ({ group: c.group, name: c.name, channel: c.channel, kind: c.def.kind })));
  });

  it('is small and has no schemas in it', async () => {
    const code = await preloadBundle();
    expect(code.length).toBeLessThan(20_000);
    expect(code).not.toMatch(/ZodError|zod|safeParse/);
    for (const { channel } of listChannelNames()) expect(code).toContain(`"${channel}"`);
  });

  it('exposes exactly the contract as window.softphone, having asked main for the start-up reads', async () => {
    const code = await preloadBundle();
    const exposed: Record<string, unknown> = {};
    const invoked: unknown[] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
      ipcRenderer: { invoke: async (...args: unknown[]) => invoked.push(args), on: () => {}, removeListener: () => {} },
    };
    const module = { exports: {} };
    new Function('require', 'module', 'exports', code)((id: string) => (id === 'electron' ? electron : undefined), module, module.exports);
    const api = exposed.softphone as Record<string, Record<string, (arg?: unknown) => unknown>>;
    const expected = listChannelNames().map((c) => `${c.group}.${c.kind === 'invoke' ? c.name : eventMethodName(c.name)}`);
    const actual = Object.entries(api).flatMap(([group, methods]) => Object.keys(methods).map((m) => `${group}.${m}`));
    expect(actual.sort()).toEqual(expected.sort());
    expect(invoked).toEqual(startupReads.map((r) => [r.channel, undefined]));
    await api.settings!.set!({ theme: 'dark' });
    expect(invoked.at(-1)).toEqual(['settings:set', { theme: 'dark' }]);
  });
});
