/**
 * Text from the network (caller names, chat senders, message previews) before it goes into a
 * notification: no control characters (XML 1.0 forbids most of them; they also garble
 * notification centres), no bidi overrides (which can make "evil.exe" read as "exe.live"), no
 * lone surrogates, one line, and short.
 */
const unsafe = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function cleanUntrustedText(text: string, maxLength: number): string {
  const oneLine = text.replace(unsafe, ' ').replace(/\s+/g, ' ').trim();
  if (oneLine.length <= maxLength) return oneLine;
  // Cut on a code point boundary, then mark the cut.
  const cut = Array.from(oneLine).slice(0, maxLength - 1).join('');
  return `${cut}…`;
}
