/**
 * The recovery sheet, printed once at enrollment (src/print/RecoverySheet.tsx). Both languages
 * are printed side by side whatever the screen's language, like the token slip.
 */
export const recoverySheetEn = {
  title: 'Recovery sheet',
  hospital: 'Hospital',
  device: 'Device',
  date: 'Printed on',
  code: 'Recovery code',
  codeHint: 'Groups of four, then one check character: a mistyped or swapped character is caught. O reads as 0, I and L as 1.',
  qr: 'The same code, to scan',
  keep: 'Keep this sheet locked away, apart from the tablet.',
  danger: 'Anyone who has this sheet and the tablet can read the patient data on it.',
  when: 'It is needed only when every PIN on this device is lost: with it, an administrator sets new PINs.',
};
