import { screen } from '@testing-library/react';
import type userEvent from '@testing-library/user-event';

/** After enrollment: the recovery code is shown once; tick that its sheet is put away and go on. Returns the code. */
export async function putAwayRecoverySheet(user: ReturnType<typeof userEvent.setup>): Promise<string> {
  await screen.findByRole('heading', { name: 'Print the recovery sheet' });
  const code = screen.getByTestId('recovery-code').textContent ?? '';
  await user.click(screen.getByLabelText(/recovery sheet is printed and locked away/));
  await user.click(screen.getByRole('button', { name: 'Continue' }));
  return code;
}
