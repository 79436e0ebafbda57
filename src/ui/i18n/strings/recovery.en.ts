import { recoverySheetEn } from '../recoveryEn';

/**
 * The recovery code: the form behind the login, the one-time step and its printed sheet.
 * Every key here is in recovery.hi.ts (typed, and a unit test checks).
 */
export const strings = {
  recovery: {
    title: 'Recovery code',
    intro: 'The recovery code from the recovery sheet opens this device\'s data and sets a new PIN for the user chosen.',
    who: 'New PIN for',
    code: 'Recovery code (from the sheet)',
    submit: 'Open with the recovery code',
    back: 'Back to the PIN',
    noData: 'Without a PIN or the recovery code, the records on this tablet cannot be read by anyone, us included.',
  },
  keys: {
    title: 'Print the recovery sheet',
    intro: 'The records on this tablet are encrypted. Each user\'s PIN opens them; if every PIN is ever lost, only this recovery code can. It is shown at each login until someone confirms the sheet is put away, then never again.',
    print: 'Print recovery sheet',
    printed: 'The recovery sheet is printed and locked away, apart from the tablet',
    done: 'Continue',
  },
  recoverySheet: recoverySheetEn,
  errors: {
    recoveryWrong: 'This is not the recovery code of this device.',
    recoveryFormat: 'A recovery code is 33 characters: eight groups of four and a check character, from the recovery sheet.',
    recoveryCheck: 'This recovery code has a mistyped or swapped character: check it against the recovery sheet.',
  },
};
