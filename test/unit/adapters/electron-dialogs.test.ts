/** The dialog adapter against a stand-in for Electron's dialog module. */
import { describe, expect, it, vi } from 'vitest';

const shown: unknown[][] = [];
vi.mock('electron', () => ({
  dialog: {
    showErrorBox: (...args: unknown[]) => shown.push(['errorBox', ...args]),
    showMessageBox: async (...args: unknown[]) => (shown.push(['messageBox', ...args]), { response: 1 }),
  },
}));
const { askChoice, showErrorBox } = await import('../../../main/app/electron-dialogs.js');

describe('Electron dialogs adapter', () => {
  it('shows an error box', () => {
    showErrorBox('Title', 'Text');
    expect(shown.at(-1)).toEqual(['errorBox', 'Title', 'Text']);
  });

  it('asks with the window as parent, Escape meaning the last button', async () => {
    const window = { isDestroyed: () => false };
    const answer = await askChoice(window as never, { title: 't', message: 'm', detail: 'd', buttons: ['Try again', 'Quit'] });
    expect(answer).toBe(1);
    expect(shown.at(-1)).toEqual(['messageBox', window, expect.objectContaining({ type: 'error', buttons: ['Try again', 'Quit'], defaultId: 0, cancelId: 1, detail: 'd' })]);
  });

  it('asks without a parent when the window is gone', async () => {
    await askChoice({ isDestroyed: () => true } as never, { title: 't', message: 'm', detail: 'd', buttons: ['A', 'B'] });
    expect(shown.at(-1)).toHaveLength(2);
  });
});
