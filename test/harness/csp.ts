/**
 * Which of a page's CSP violations are real. One refusal is expected and harmless: the Chat
 * SDK's signalling bundle looks for the global object with `Function('return this')()` inside a
 * try/catch and falls back to `window` when CSP refuses it (docs/decisions.md). Anything else,
 * or that probe anywhere it cannot be located, is a real violation.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import type { CspViolation } from './page-bridge.js';

const harmlessProbe = 'Function(`return this`)()';

/** The code at a line and column of a script's text. */
function codeAt(text: string, v: CspViolation): string {
  return (text.split('\n')[v.line - 1] ?? '').slice(v.column - 1, v.column - 1 + harmlessProbe.length);
}

/**
 * The texts the violation may point into. Over http the page names the script. Over file://
 * Chromium names only the scheme ("file") and keeps no resource timing, so every script of the
 * renderer's build on disk is a candidate: the position must hold the probe in one of them.
 */
async function candidateScripts(page: Page, v: CspViolation): Promise<string[]> {
  if (/^https?:/.test(v.file)) return [await page.evaluate((url) => fetch(url).then((r) => r.text()), v.file)];
  const pageUrl = page.url();
  if (v.file !== 'file' || !pageUrl.startsWith('file:')) return [];
  const assets = fileURLToPath(new URL('assets/', pageUrl));
  const scripts = (await readdir(assets)).filter((name) => name.endsWith('.js'));
  return Promise.all(scripts.map((name) => readFile(join(assets, name), 'utf8')));
}

/** The page's violations, less the known harmless probe. */
export async function unexpectedCspViolations(page: Page): Promise<CspViolation[]> {
  const violations = await page.evaluate(() => window.__cspViolations);
  const unexpected: CspViolation[] = [];
  for (const v of violations) {
    const isProbe = v.directive === 'script-src' && v.blocked === 'eval'
      && (await candidateScripts(page, v)).some((text) => codeAt(text, v) === harmlessProbe);
    if (!isProbe) unexpected.push(v);
  }
  return unexpected;
}
