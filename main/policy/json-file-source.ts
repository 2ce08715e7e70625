/**
 * A policy.json file the admin puts in a machine-wide folder only admins can write (Windows:
 * %ProgramData%\ACS Softphone\ACS Softphone; macOS: /Library/Application Support/ACS Softphone;
 * see policy-sources.ts). A flat object: { "tokenServiceUrl": "https://…", "allowChat": false }.
 */
import type { PolicyReading, PolicySource } from './policy-source.js';

export class JsonFilePolicySource implements PolicySource {
  readonly id = 'policy-file' as const;

  /** readTextFile answers null when the file does not exist. */
  constructor(
    private readonly path: string,
    private readonly readTextFile: (path: string) => Promise<string | null>,
  ) {}

  async read(): Promise<PolicyReading> {
    let text: string | null;
    try {
      text = await this.readTextFile(this.path);
    } catch {
      return { status: 'unreadable' };
    }
    if (text === null) return { status: 'absent' };
    let parsed: unknown;
    try {
      // A BOM is what Notepad writes; JSON.parse refuses it.
      parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch {
      return { status: 'unreadable' };
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { status: 'unreadable' };
    // "$schema" and "$comment" are allowed for the admin's own notes.
    const entries = Object.entries(parsed).filter(([name]) => !name.startsWith('$')).map(([name, value]) => ({ name, value }));
    return { status: 'found', entries };
  }
}
