/**
 * Splits untrusted message text into plain text and links. Only https and mailto become
 * links (the schemes main's external-link opener allows); everything else stays text.
 * The parts are rendered as text nodes: no HTML from a message ever reaches the DOM.
 */
export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

const candidate = /\b(?:https:\/\/[^\s<>"']+|mailto:[^\s<>"']+)/gi;
/** Punctuation that usually ends a sentence rather than a URL. */
const trailing = '.,;:!?)]}\'"»”';

/** Drops sentence punctuation from the end; a ")" stays when it closes a "(" inside the URL. */
function trimTrailing(url: string): string {
  let end = url.length;
  while (end > 0 && trailing.includes(url[end - 1]!)) {
    if (url[end - 1] === ')') {
      const inner = url.slice(0, end);
      const opens = inner.split('(').length - 1;
      const closes = inner.split(')').length - 1;
      if (opens >= closes) break;
    }
    end--;
  }
  return url.slice(0, end);
}

export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(candidate)) {
    const url = trimTrailing(match[0]);
    const start = match.index;
    const href = safeHref(url);
    if (!href) continue;
    if (start > last) parts.push({ kind: 'text', text: text.slice(last, start) });
    parts.push({ kind: 'link', text: url, href });
    last = start + url.length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

function safeHref(raw: string): string | null {
  try {
    const url = new URL(raw);
    if (url.protocol === 'https:' && url.hostname) return url.href;
    if (url.protocol === 'mailto:' && url.pathname) return url.href;
    return null;
  } catch {
    return null;
  }
}

/** Teams and bots may send `html` messages: show their text, never their markup. */
export function plainTextOfHtml(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  for (const br of doc.querySelectorAll('br')) br.replaceWith('\n');
  for (const block of doc.querySelectorAll('p, div, li')) block.append('\n');
  return (doc.body.textContent ?? '').replace(/\n{3,}/g, '\n\n').trim();
}
