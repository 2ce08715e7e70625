/**
 * Vitest global setup: the whole run's temporary files under one directory, removed when the
 * run ends. Tests make many (a settings folder per harness, token vaults, update caches …) and
 * each removing its own would be easy to forget; a developer's /tmp had gathered tens of
 * thousands of them. Workers and the Chromium they launch inherit TMPDIR, which os.tmpdir()
 * reads.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const previous = process.env.TMPDIR;
  const root = mkdtempSync(join(tmpdir(), 'acs-softphone-test-run-'));
  process.env.TMPDIR = root;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(root, { recursive: true, force: true });
  };
}
