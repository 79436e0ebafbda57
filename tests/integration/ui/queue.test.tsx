import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { FrontDesk } from '../../../src/device/frontDesk';
import { useDeskPrefs } from '../../../src/ui/desk/deskPrefs';
import { initI18n, setLanguage } from '../../../src/ui/i18n';
import { QueueScreen } from '../../../src/ui/queue/QueueScreen';
import { DisplayScreen } from '../../../src/ui/queue/DisplayScreen';
import { DeskProvider } from '../../../src/ui/services';
import { useSession } from '../../../src/ui/session';
import { ADMIN, ENROLLMENT, makeDesk, PATIENT } from '../../helpers/deviceHarness';

beforeEach(() => {
  initI18n('en');
  setLanguage('en');
  useDeskPrefs.setState({ dept: 'MED', district: '', state: '' });
});

async function setup() {
  const h = makeDesk();
  const admin = await h.desk.enroll({ enrollment: ENROLLMENT, admin: ADMIN });
  useSession.getState().login(admin);
  const front = new FrontDesk(h.desk);
  const p = await front.register(admin, PATIENT);
  const tokens = [await front.issueToken(admin, p.patient, 'MED'), await front.issueToken(admin, p.patient, 'MED')];
  return { ...h, admin, front, tokens };
}

describe('queue screen and waiting-room display', () => {
  it('calls the longest-waiting token, closes it, and cancels only with a reason', async () => {
    const user = userEvent.setup();
    const { desk, tokens } = await setup();
    render(
      <DeskProvider desk={desk}>
        <Router hook={memoryLocation({ path: '/queue' }).hook}>
          <QueueScreen />
          <DisplayScreen dept="MED" />
        </Router>
      </DeskProvider>,
    );
    expect(await screen.findByText('Waiting (2)')).toBeInTheDocument();
    expect(await screen.findByTestId('display-none')).toHaveTextContent('—');
    await user.click(screen.getByRole('button', { name: 'Call next' }));
    const called = await screen.findByTestId('called-token');
    expect(called).toHaveTextContent(tokens[0]!.token);
    expect(await screen.findByTestId('display-called')).toHaveTextContent(tokens[0]!.token);
    expect(screen.getByTestId('display-called')).not.toHaveTextContent('Ravi Kumar');
    await user.click(within(called).getByRole('button', { name: 'Done' }));
    expect(await screen.findByText('Done today: 1 · cancelled: 0')).toBeInTheDocument();

    const waiting = await screen.findByTestId('waiting-token');
    await user.click(within(waiting).getByRole('button', { name: 'Cancel' }));
    await user.click(screen.getByRole('button', { name: 'Cancel token' }));
    expect(await screen.findByText('This is required.')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Reason for cancelling'), 'left without being seen');
    await user.click(screen.getByRole('button', { name: 'Cancel token' }));
    expect(await screen.findByText('Done today: 1 · cancelled: 1')).toBeInTheDocument();
    expect(screen.getByText('Nobody is waiting.')).toBeInTheDocument();
  });
});
