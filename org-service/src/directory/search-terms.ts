/**
 * How names and e-mail addresses become searchable. A name is folded — NFKD, combining marks
 * removed, lower-cased, a few stroked letters and ligatures spelled out — so "José Álvarez" is found by "jose" and "ALV". Each word of the folded
 * name (and each part of a hyphenated word) and the folded e-mail address become rows of
 * people_search_terms, so a prefix search is an index range (`term >= 'alv' AND term < 'alv\u{10FFFF}'`)
 * rather than a scan with LIKE '%…'.
 */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[øłđħŧıßæœ]/g, (letter) => letterBases[letter]!);
}

/** Letters NFKD leaves whole (a stroke or ligature is not a combining mark): "Łukasz", "Ødegaard", "Straße". */
const letterBases: Record<string, string> = { ø: 'o', ł: 'l', đ: 'd', ħ: 'h', ŧ: 't', ı: 'i', ß: 'ss', æ: 'ae', œ: 'oe' };

export function searchTermsFor(displayName: string, email: string | null): string[] {
  const terms = new Set<string>();
  for (const word of fold(displayName).split(/\s+/)) {
    if (!word) continue;
    terms.add(word);
    for (const part of word.split(/[^\p{L}\p{N}]+/u)) if (part) terms.add(part);
  }
  if (email) terms.add(fold(email));
  return [...terms];
}

/** The words of a query; each must be the prefix of some term of a person for them to match. */
export function queryWords(q: string): string[] {
  return [...new Set(fold(q).split(/\s+/).filter(Boolean))];
}

/**
 * The exclusive upper bound of the terms starting with `prefix`: U+10FFFF sorts after every
 * character in UTF-8 byte order, which is SQLite's BINARY collation (and PostgreSQL's COLLATE "C").
 */
export function prefixUpperBound(prefix: string): string {
  return `${prefix}\u{10FFFF}`;
}

/** Conservative: one @, something on each side, a dot in the domain, no spaces; ≤ 254 characters. */
export function looksLikeEmail(text: string): boolean {
  return text.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text);
}
