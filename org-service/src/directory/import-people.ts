import { CsvError, parse } from 'csv-parse/sync';
import { personKinds, type PersonKind } from './people-store.js';
import { looksLikeEmail } from './search-terms.js';

export interface ImportEntry {
  /** Line of the CSV file (1 = the header), for messages. */
  line: number;
  displayName: string;
  email: string;
  kind: PersonKind;
}

export type ImportCheck = { ok: true; entries: ImportEntry[] } | { ok: false; problems: string[] };

const columns = ['displayName', 'email', 'kind'] as const;
const requiredColumns = ['displayName', 'email'];
/** Control characters and bidi overrides have no place in a name shown to other people. */
const unsafeInName = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;
const maxProblemsShown = 50;

/**
 * Parses an import file (csv-parse) and checks every line before anything is stored: a header
 * naming displayName and email (and optionally kind), then one person per line. Returns every
 * problem found, each with its line number, or the entries.
 */
export function checkImportFile(text: string): ImportCheck {
  let rows: Array<{ record: string[]; info: { lines: number } }>;
  try {
    rows = parse(text, { bom: true, trim: true, skip_empty_lines: true, info: true }) as unknown as typeof rows;
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      return { ok: false, problems: [`line ${line ?? '?'}: not valid CSV (${error.code})`] };
    }
    throw error;
  }
  const [header, ...lines] = rows;
  if (!header) return { ok: false, problems: ['line 1: the file is empty; it needs a header naming displayName and email'] };

  const index = new Map<string, number>();
  const problems: string[] = [];
  header.record.forEach((name, at) => {
    const column = columns.find((c) => c.toLowerCase() === name.toLowerCase());
    if (!column) problems.push(`line ${header.info.lines}: unknown column "${name.slice(0, 40)}" (the columns are displayName, email, kind)`);
    else if (index.has(column)) problems.push(`line ${header.info.lines}: column ${column} appears twice`);
    else index.set(column, at);
  });
  for (const column of requiredColumns) if (!index.has(column)) problems.push(`line ${header.info.lines}: the header must name a ${column} column`);
  if (problems.length > 0) return { ok: false, problems };

  const entries: ImportEntry[] = [];
  const lineOfEmail = new Map<string, number>();
  for (const { record, info } of lines) {
    const line = info.lines;
    const displayName = record[index.get('displayName')!] ?? '';
    const email = record[index.get('email')!] ?? '';
    const kind = index.has('kind') ? record[index.get('kind')!] || 'person' : 'person';
    const problem =
      displayName === '' ? 'displayName is empty'
      : displayName.length > 256 ? 'displayName is longer than 256 characters'
      : unsafeInName.test(displayName) ? 'displayName contains control characters'
      : !looksLikeEmail(email) ? 'email is not an e-mail address'
      : !(personKinds as readonly string[]).includes(kind) ? `kind must be one of ${personKinds.join(', ')}`
      : lineOfEmail.has(email.toLowerCase()) ? `email is already on line ${lineOfEmail.get(email.toLowerCase())}`
      : undefined;
    if (problem) {
      problems.push(`line ${line}: ${problem}`);
      continue;
    }
    lineOfEmail.set(email.toLowerCase(), line);
    entries.push({ line, displayName, email, kind: kind as PersonKind });
  }
  if (problems.length > maxProblemsShown) problems.splice(maxProblemsShown, problems.length, `… and ${problems.length - maxProblemsShown} more`);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, entries };
}
