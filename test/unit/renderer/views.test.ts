import { describe, expect, it } from 'vitest';
import { viewForShortcut } from '../../../renderer/shell/views.js';

const key = (k: string, mods: Partial<KeyboardEvent> = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });

describe('navigation shortcuts', () => {
  it.each([
    [key('1', { ctrlKey: true }), 'calls'],
    [key('2', { metaKey: true }), 'chat'],
    [key('3', { ctrlKey: true }), 'settings'],
    // People came fourth: the first three kept their digits.
    [key('4', { ctrlKey: true }), 'people'],
    [key('5', { ctrlKey: true }), null],
    [key('1'), null],
    [key('1', { ctrlKey: true, shiftKey: true }), null],
    [key('a', { ctrlKey: true }), null],
  ])('%j → %s', (event, expected) => {
    expect(viewForShortcut(event)).toBe(expected);
  });
});
