import { describe, expect, it } from 'vitest';
import { SseParser, type SseDropReason, type SseFrame } from '../../../main/live/sse-parser.js';

function parse(chunks: string[], bounds = { maxLineChars: 64, maxEventChars: 128 }) {
  const frames: SseFrame[] = [];
  const dropped: SseDropReason[] = [];
  let comments = 0;
  const parser = new SseParser({ frame: (f) => frames.push(f), comment: () => comments++, dropped: (r) => dropped.push(r) }, bounds);
  for (const chunk of chunks) parser.feed(chunk);
  return { frames, dropped, comments };
}

describe('SseParser', () => {
  it('reads events, ids, multi-line data and comments', () => {
    const { frames, comments } = parse(['\ufeffevent: hello\ndata: {"a":1}\n\n: hb\nid: 7\nevent: presence\ndata: one\ndata:two\n\n']);
    expect(frames).toEqual([
      { id: undefined, event: 'hello', data: '{"a":1}' },
      { id: '7', event: 'presence', data: 'one\ntwo' },
    ]);
    expect(comments).toBe(1);
  });

  it('accepts CRLF, CR and LF, also split across chunks', () => {
    const { frames } = parse(['data: a\r', '\n\r', '\ndata: b\r\r', 'data: c\n', '\n']);
    expect(frames.map((f) => f.data)).toEqual(['a', 'b', 'c']);
  });

  it('defaults the type to message and ignores retry and unknown fields', () => {
    const { frames } = parse(['retry: 0\nfoo: bar\ndata: x\n\n']);
    expect(frames).toEqual([{ id: undefined, event: 'message', data: 'x' }]);
  });

  it('skips a line longer than the bound, drops its event and carries on', () => {
    const huge = 'x'.repeat(10_000);
    const { frames, dropped } = parse([`event: presence\ndata: ${huge.slice(0, 5000)}`, `${huge.slice(5000)}\n\nevent: ok\ndata: fine\n\n`]);
    expect(dropped).toEqual(['line-too-long']);
    expect(frames).toEqual([{ id: undefined, event: 'ok', data: 'fine' }]);
  });

  it('drops an event bigger than the bound even when each line is short', () => {
    const lines = Array.from({ length: 10 }, () => `data: ${'y'.repeat(40)}\n`).join('');
    const { frames, dropped } = parse([lines, '\n', 'data: after\n\n']);
    expect(dropped).toEqual(['event-too-large']);
    expect(frames.map((f) => f.data)).toEqual(['after']);
  });

  it('holds at most the line bound while a line never ends', () => {
    const frames: SseFrame[] = [];
    const parser = new SseParser({ frame: (f) => frames.push(f), comment: () => {}, dropped: () => {} }, { maxLineChars: 1024, maxEventChars: 4096 });
    for (let i = 0; i < 1000; i++) parser.feed('z'.repeat(10_000));
    // Nothing of the ten million characters is kept: the internal line buffer is empty.
    expect((parser as unknown as { line: string }).line).toBe('');
    parser.feed('\n\ndata: back\n\n');
    expect(frames.map((f) => f.data)).toEqual(['back']);
  });
});
