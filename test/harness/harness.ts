/**
 * The end-to-end tier: the production build of the renderer in real headless Chromium, with
 * `window.softphone` implemented by the real main-process services running in this Node
 * process. Only Electron's adapters are replaced — by recorders the tests read and drive.
 */
import { build } from 'esbuild';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { createMainServices, type MainServiceDeps, type MainServices } from '../../main/app/main-services.js';
import { confStoreFactory } from '../fixtures/conf-store-factory.js';
import { tempDir } from '../fixtures/main-services.js';
import { recordingEventSink, recordingLogger, recordingShell } from '../fixtures/recorders.js';
import { electronFilePrivilegesArgs, launchChromium } from './chromium.js';
import { listChannelNames } from '../../contract/index.js';
import { channelListAsData } from '../../scripts/preload-channels.mjs';
import { serveDirectory, type StaticServer } from './static-server.js';
import { connectDirectBridge } from './direct-bridge.js';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const rendererDir = `${repoRoot}dist/renderer`;

let bridgeScript: Promise<string> | null = null;
/** The test bridge is built like the shipped preload: minified, channel list as data, no zod. */
function pageBridgeScript(): Promise<string> {
  bridgeScript ??= build({
    entryPoints: [`${repoRoot}test/harness/page-bridge.ts`],
    bundle: true,
    write: false,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    plugins: [channelListAsData(listChannelNames())],
  }).then((r) => r.outputFiles[0]!.text);
  return bridgeScript;
}

export interface HarnessOptions {
  /** Keep settings here to simulate a restart with the same files. */
  settingsDirectory?: string;
  /** What the "OS" reports as preferred languages. */
  preferredLanguages?: string[];
  /** Browser locale (navigator.language). */
  browserLocale?: string;
  /** Extra dependencies for the main services (e.g. managed settings). */
  deps?: Partial<MainServiceDeps>;
  /** Extra browser-context options (e.g. ignoreHTTPSErrors for a fake service's test certificate). */
  contextOptions?: BrowserContextOptions;
  /** Serve another build of the renderer (e.g. a test build with the SDK double). */
  rendererDir?: string;
  /**
   * How `window.softphone` reaches main. 'binding' (the default, and what every test uses): a
   * DevTools binding that knows which frame called, so the sender checks are real — a direct one
   * for the harness's page (direct-bridge.ts), Playwright's `__softphoneInvoke` for any other
   * page or frame. 'http': a same-origin POST per call, for the start-up benchmark's localhost
   * figures only: it takes the calling document from the Referer header and proves nothing
   * about frames.
   */
  bridge?: 'binding' | 'http';
  /**
   * Where the page comes from. 'http' (the default): a server on localhost. 'file': file://, as
   * the packaged app loads it, in a browser given Electron's file privileges (see chromium.ts) —
   * for the start-up benchmark; it takes the binding bridge, there being no server to POST to.
   */
  loadFrom?: 'http' | 'file';
  /**
   * For the start-up benchmark: the page reports these performance marks to `h.whenMarked` as they
   * are made. Waiting with page.waitForFunction instead would run Playwright's own scripts on the
   * page's main thread during start-up (tens of milliseconds here), delaying what is measured.
   * Only the marks named are reported: each report is a call into Playwright (several ms on the
   * first), and one for an early mark would run just before the one measured.
   */
  reportMarks?: readonly string[];
}

export interface Harness {
  services: MainServices;
  page: Page;
  origin: string;
  settingsDirectory: string;
  events: ReturnType<typeof recordingEventSink>;
  logger: ReturnType<typeof recordingLogger>;
  shell: ReturnType<typeof recordingShell>;
  /** Browser console errors and CSP violations seen by the page. */
  pageErrors: string[];
  /** The channels the page has invoked over the binding bridge, in order (the preload's early reads too). */
  invoked: string[];
  server: StaticServer;
  /** The mark's time once the page has made it (the mark must be named in `reportMarks`). */
  whenMarked(name: string): Promise<number>;
  close(): Promise<void>;
}

/**
 * The page's own errors: all it reported less Chromium's "Failed to load resource" lines, which
 * are the network's (the static server has no favicon; the SDKs' requests fail, with no Azure).
 */
export function appErrors(h: Pick<Harness, 'pageErrors'>): string[] {
  return h.pageErrors.filter((error) => !error.startsWith('Failed to load resource'));
}

const httpBridgePath = '/__softphone/invoke';

let sharedBrowser: Promise<Browser> | null = null;
let fileBrowser: Promise<Browser> | null = null;
/** One browser per test file; each harness gets its own context (profile). */
export function browser(): Promise<Browser> {
  sharedBrowser ??= launchChromium();
  return sharedBrowser;
}

export async function closeBrowser(): Promise<void> {
  const open = [sharedBrowser, fileBrowser];
  sharedBrowser = fileBrowser = null;
  for (const launched of open) if (launched) await (await launched).close();
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dir = options.rendererDir ?? rendererDir;
  if (!existsSync(`${dir}/index.html`)) throw new Error('Build the renderer first: npm run build:renderer');
  if (options.loadFrom === 'file' && options.bridge === 'http') throw new Error('a page from file:// takes the binding bridge');
  const server = await serveDirectory(dir);
  const pageUrl = options.loadFrom === 'file' ? pathToFileURL(`${dir}/index.html`).href : `${server.origin}/index.html`;
  const settingsDirectory = options.settingsDirectory ?? tempDir();
  mkdirSync(settingsDirectory, { recursive: true });
  const events = recordingEventSink();
  const logger = recordingLogger();
  const shell = recordingShell();
  const services = createMainServices({
    appInfo: { name: 'ACS Softphone', version: '0.1.0', platform: 'linux', electron: '45.4.1', chrome: '144' },
    rendererUrl: pageUrl,
    settingsDirectory,
    storeFactory: confStoreFactory,
    preferredLanguages: () => options.preferredLanguages ?? ['en-US'],
    openInOs: shell.openInOs,
    events: events.sink,
    log: logger.log,
    ...options.deps,
  });

  const invoked: string[] = [];
  const launched = options.loadFrom === 'file' ? (fileBrowser ??= launchChromium(electronFilePrivilegesArgs)) : browser();
  const context: BrowserContext = await (await launched).newContext({
    locale: options.browserLocale ?? 'en-US',
    viewport: { width: 1024, height: 680 },
    ...options.contextOptions,
  });
  if (options.bridge === 'http') {
    server.postHandlers.set(httpBridgePath, (body, referer) => {
      const { channel, request } = body as { channel: string; request: unknown };
      return services.router.dispatch(channel, request, { frameUrl: referer, isTopFrame: true });
    });
    await context.addInitScript({ content: `window.__softphoneHttpBridge = ${JSON.stringify(httpBridgePath)};` });
  } else {
    await context.exposeBinding('__softphoneInvoke', (source, channel: string, request: unknown) => {
      invoked.push(channel);
      return services.router.dispatch(channel, request, {
        frameUrl: source.frame.url(),
        isTopFrame: source.frame.parentFrame() === null,
      });
    });
  }
  await context.addInitScript({ content: await pageBridgeScript() });
  // One promise per mark name, made by whichever comes first: the page's report or a wait for it.
  const marks = new Map<string, { time: Promise<number>; made: (time: number) => void }>();
  const mark = (name: string) => {
    let entry = marks.get(name);
    if (!entry) {
      let made!: (time: number) => void;
      entry = { time: new Promise<number>((resolve) => (made = resolve)), made };
      marks.set(name, entry);
    }
    return entry;
  };
  const reported = new Set(options.reportMarks ?? []);
  if (reported.size > 0) {
    await context.exposeBinding('__harnessMarked', (_source, name: string, time: number) => mark(name).made(time));
    await context.addInitScript({
      content: `{ const names = new Set(${JSON.stringify([...reported])}); new PerformanceObserver((list) => list.getEntries().forEach((e) => names.has(e.name) && window.__harnessMarked(e.name, e.startTime))).observe({ type: "mark" }); }`,
    });
  }
  const page = await context.newPage();
  if (options.bridge !== 'http') {
    await connectDirectBridge(page, (channel, request, sender) => services.router.dispatch(channel, request, sender), (channel) => invoked.push(channel));
  }
  const pageErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const stopForwarding = events.listen((channel, payload) => {
    for (const p of context.pages()) {
      void p.evaluate(([c, data]) => window.__softphoneEmit?.(c as string, data), [channel, payload] as const).catch(() => {});
    }
  });
  await page.goto(pageUrl);

  return {
    services,
    page,
    origin: server.origin,
    settingsDirectory,
    events,
    logger,
    shell,
    pageErrors,
    invoked,
    server,
    whenMarked(name) {
      if (!reported.has(name)) return Promise.reject(new Error(`start the harness with reportMarks: ['${name}']`));
      return mark(name).time;
    },
    async close() {
      stopForwarding();
      await context.close();
      await server.close();
    },
  };
}
