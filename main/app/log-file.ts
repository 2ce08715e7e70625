/**
 * The log file support asks for: `<userData>/logs/main.log`, one JSON line per entry (already
 * scrubbed by the logger), capped in size. When the file would pass `maxBytes` it becomes
 * main.1.log (main.1 becomes main.2 …) and the oldest beyond `keep` is deleted, so the logs
 * never take more than about keep × maxBytes. Writing never throws: a full disk or a locked
 * file costs log lines, never the app.
 */
import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface LogFileOptions {
  directory: string;
  /** Base name without extension (default "main"). */
  name?: string;
  /** Size one file may reach before it is rotated (default 1 MiB). */
  maxBytes?: number;
  /** Rotated files kept besides the current one (default 2). */
  keep?: number;
}

export class RotatingLogFile {
  readonly path: string;
  private readonly maxBytes: number;
  private readonly keep: number;
  private size: number | null = null;

  constructor(private readonly options: LogFileOptions) {
    this.path = join(options.directory, `${options.name ?? 'main'}.log`);
    this.maxBytes = options.maxBytes ?? 1024 * 1024;
    this.keep = options.keep ?? 2;
  }

  /** Appends one line (a newline is added). */
  write(line: string): void {
    const text = `${line}\n`;
    const bytes = Buffer.byteLength(text);
    try {
      if (this.size === null) {
        mkdirSync(this.options.directory, { recursive: true });
        this.size = sizeOf(this.path);
      }
      if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate();
      appendFileSync(this.path, text);
      this.size += bytes;
    } catch {
      // Logging must never take the app down; the next write tries again from the disk's view.
      this.size = null;
    }
  }

  private rotated(index: number): string {
    return join(this.options.directory, `${this.options.name ?? 'main'}.${index}.log`);
  }

  private rotate(): void {
    rmSync(this.rotated(this.keep), { force: true });
    for (let index = this.keep - 1; index >= 1; index--) {
      renameIfPresent(this.rotated(index), this.rotated(index + 1));
    }
    if (this.keep >= 1) renameIfPresent(this.path, this.rotated(1));
    else rmSync(this.path, { force: true });
    this.size = 0;
  }
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function renameIfPresent(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
