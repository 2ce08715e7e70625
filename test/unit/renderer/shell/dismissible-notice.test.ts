/** DismissibleNotice, the one dismissible notice: its severity decides alert or status, compact shows × named by the label. */
import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import DismissibleNotice from '../../../../renderer/shell/DismissibleNotice.svelte';

describe('DismissibleNotice', () => {
  it('is a warning banner with a labelled button by default', async () => {
    const ondismiss = vi.fn();
    render(DismissibleNotice, { message: 'Settings were reset.', dismissLabel: 'Dismiss', ondismiss });
    expect(screen.getByRole('alert')).toHaveTextContent('Settings were reset.');
    expect(screen.getByRole('alert')).toHaveClass('warning');
    await fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(ondismiss).toHaveBeenCalledOnce();
  });

  it('says information politely, errors as alerts; compact shows × named by the label', async () => {
    const ondismiss = vi.fn();
    const { unmount } = render(DismissibleNotice, { message: 'Missed call from Alice.', dismissLabel: 'Dismiss', ondismiss, severity: 'info', compact: true });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('status')).toHaveTextContent('Missed call from Alice.');
    const button = screen.getByRole('button', { name: 'Dismiss' });
    expect(button).toHaveTextContent('×');
    await fireEvent.click(button);
    expect(ondismiss).toHaveBeenCalledOnce();
    unmount();
    render(DismissibleNotice, { message: 'The call could not be answered.', dismissLabel: 'Dismiss', ondismiss, severity: 'error', compact: true });
    expect(screen.getByRole('alert')).toHaveClass('error', 'compact');
  });
});
