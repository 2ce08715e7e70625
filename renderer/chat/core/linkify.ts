/**
 * Splits untrusted message text into plain text and links. Only https and mailto become
 * links (the schemes main's external-link opener allows); everything else stays text.
 * The parts are rendered as text nodes: no HTML from a message ever reaches the DOM.
 */
export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

const candidate = /\b(?:https:\/\/[^\s<>"']+|mailto:[^\s<>"']+)/gi;
/** Punctuation that usually ends a sentence rather than a URL. */
const trailing = /[.,;:!?)\]}'"»”]+$/;

export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(candidate)) {
    let url = match[0];
    const cut = trailing.exec(url);
    // Keep a closing parenthesis that has its opening one inside the URL (Wikipedia-style links).
    if (cut && !(cut[0].startsWith(')') && url.slice(0, cut.index).includes('('))) url = url.slice(0, cut.index);
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
