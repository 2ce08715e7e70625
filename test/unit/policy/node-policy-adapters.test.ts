/** The Node adapters behind policy reading: a real child process and real files. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFileIfPresent, readTextFileIfPresent, runCommand } from '../../../main/policy/node-policy-adapters.js';

describe('runCommand', () => {
  it('returns the exit code and both outputs, without a shell', async () => {
    const result = await runCommand(process.execPath, ['-e', 'process.stdout.write("out; $(whoami)"); process.stderr.write("err"); process.exit(3)']);
    expect(result).toEqual({ exitCode: 3, stdout: 'out; $(whoami)', stderr: 'err' });
  });

  it('rejects when the program cannot be started', async () => {
    await expect(runCommand('/nonexistent/reg.exe', ['query'])).rejects.toThrow();
  });
});

describe('file readers', () => {
  it('answer null for a missing file and the content otherwise', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-files-'));
    writeFileSync(join(dir, 'policy.json'), '{"allowChat":false}');
    expect(await readTextFileIfPresent(join(dir, 'policy.json'))).toBe('{"allowChat":false}');
    expect(await readTextFileIfPresent(join(dir, 'missing.json'))).toBeNull();
    expect(Buffer.from((await readFileIfPresent(join(dir, 'policy.json')))!).toString()).toBe('{"allowChat":false}');
    expect(await readFileIfPresent(join(dir, 'missing.plist'))).toBeNull();
  });

  it('throw for other failures (reported as an unreadable source by the caller)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-files-'));
    await expect(readTextFileIfPresent(dir)).rejects.toThrow(); // a directory: EISDIR
  });
});
