import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FrontDesk } from '../../../src/device/frontDesk';
import { initI18n, setLanguage } from '../../../src/ui/i18n';
import { ReconcileScreen } from '../../../src/ui/reconcile/ReconcileScreen';
import { DeskProvider } from '../../../src/ui/services';
import { ADMIN, ENROLLMENT, makeDesk, PATIENT } from '../../helpers/deviceHarness';

beforeEach(() => {
  initI18n('en');
  setLanguage('en');
  // jsdom lays nothing out, so it has no scrolling; the screen keeps the selected row in view.
  Element.prototype.scrollIntoView ??= () => {};
});

const NAMES = ['Asha Rani', 'Bhola Nath', 'Chanda Devi', 'Dinesh Yadav', 'Esha Gupta', 'Farid Khan', 'Gita Bai', 'Hari Om'];

describe('the reconciliation list', () => {
  it('is read a page at a time in registration order, and j/k move across pages as across one list', async () => {
    const user = userEvent.setup();
    const h = makeDesk();
    const admin = await h.desk.enroll({ enrollment: ENROLLMENT, admin: ADMIN });
    const front = new FrontDesk(h.desk);
    const ids: string[] = [];
    for (const [i, name] of NAMES.entries()) ids.push((await front.register(admin, { ...PATIENT, name, mobile: `98110${String(10000 + i)}` })).patient);
    // Never the whole table: a page is read along the registration index.
    const wholeTable = vi.spyOn(h.desk.db.patients, 'toArray');
    render(<DeskProvider desk={h.desk}><ReconcileScreen actor={admin} pageSize={3} /></DeskProvider>);

    const rows = () => within(screen.getByRole('table')).getAllByRole('row').slice(1);
    const selected = () => rows().find((r) => r.getAttribute('aria-selected') === 'true')?.textContent ?? '';
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(screen.getByTestId('reconcile-count')).toHaveTextContent('First 3 patients, more below');
    expect(rows().map((r) => r.querySelector('code')!.textContent)).toEqual(ids.slice(0, 3));
    expect(selected()).toContain('Asha Rani');

    await user.keyboard('jj');
    expect(selected()).toContain('Chanda Devi');
    // Past the last one shown: the next page is read, and the move lands on its first patient.
    await user.keyboard('j');
    await waitFor(() => expect(selected()).toContain('Dinesh Yadav'));
    expect(rows()).toHaveLength(6);
    await user.keyboard('{ArrowUp}');
    expect(selected()).toContain('Chanda Devi');

    await user.click(screen.getByRole('button', { name: 'Show 3 more' }));
    await waitFor(() => expect(rows()).toHaveLength(8));
    expect(screen.getByTestId('reconcile-count')).toHaveTextContent('8 patients');
    expect(screen.queryByRole('button', { name: 'Show 3 more' })).toBeNull();
    expect(rows().map((r) => r.querySelector('code')!.textContent)).toEqual(ids);
    // At the very end, j stays on the last patient.
    await user.keyboard('jjjjjjj');
    expect(selected()).toContain('Hari Om');
    await user.keyboard('j');
    expect(selected()).toContain('Hari Om');
    expect(wholeTable).not.toHaveBeenCalled();
  });
});
