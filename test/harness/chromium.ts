/** Launching Debian's Chromium with playwright-core, as this machine and CI can run it. */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  const found = candidates.find((p): p is string => !!p && existsSync(p));
  if (!found) throw new Error('No Chromium found: install Debian\'s "chromium" package or set CHROMIUM_PATH.');
  return found;
}

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
];

/**
 * What Electron's grantFileProtocolExtraPrivileges fuse gives the packaged app: its own module
 * scripts and stylesheets load from file:// (plain Chromium refuses them, origin 'null').
 */
export const electronFilePrivilegesArgs = ['--allow-file-access-from-files'];

/**
 * Chromium features the tests turn off. Headless Chromium still builds each window's browser UI,
 * and in the Chromium here (156) that includes the address bar's suggestion popup as a WebUI
 * page in a renderer of its own (chrome://omnibox-popup.top-chrome, and its "AI mode" variant).
 * Every new browser context opens a window, and that renderer then spent about 300 ms of CPU per
 * window, at times a whole core, beside the page under test on this two-core machine. Nobody
 * sees a headless window's address bar, and Electron has none.
 */
export const disabledFeatures = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];

let playwrightSwitch: Promise<string | undefined> | null = null;
/**
 * Playwright's own `--disable-features=…` switch. Chromium keeps only the last of several
 * `--disable-features` switches, so ours must carry Playwright's list too, and Playwright does not
 * export it: it is read from the command line Playwright reports when a launch fails, here a dry
 * run of an executable that exits at once (Node, given Chromium's switches).
 */
export function playwrightDisabledFeatures(): Promise<string | undefined> {
  playwrightSwitch ??= chromium.launch({ executablePath: process.execPath, timeout: 10_000 }).then(
    async (unexpected) => {
      await unexpected.close();
      return undefined;
    },
    (error: Error) => /--disable-features=\S*/.exec(error.message)?.[0],
  );
  return playwrightSwitch;
}

export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  const theirs = await playwrightDisabledFeatures();
  if (!theirs) throw new Error("Could not read Playwright's --disable-features switch from its launch log (has its format changed?)");
  const features = `${theirs},${disabledFeatures.join(',')}`;
  return chromium.launch({ executablePath: chromiumPath(), args: [...chromiumArgs, features, ...extraArgs], ignoreDefaultArgs: [theirs], headless: true });
}
