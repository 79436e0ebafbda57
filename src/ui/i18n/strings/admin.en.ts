import { printerEn } from '../printerEn';

/**
 * The administrator's screens: users, this device, printers.
 * Every key here is in admin.hi.ts (typed, and a unit test checks).
 */
export const strings = {
  users: {
    title: 'Users of this device',
    add: 'Add user',
    added: '{{name}} was added as {{role}}.',
    none: 'No users yet.',
    resetPin: 'Set a new PIN',
    resetFor: 'User',
    newPin: 'New PIN (6–12 digits)',
    newPinAgain: 'New PIN again',
    resetDone: '{{name}} has a new PIN.',
  },
  device: {
    title: 'This device',
    code: 'Device code',
    hospital: 'Hospital',
    events: 'Events stored',
    persisted: 'Persistent storage',
    granted: 'Granted: the browser will not clear this data on its own',
    denied: 'Not granted: the browser may clear this data when space runs short. Install the app to the home screen and try again.',
    unknown: 'Not reported by this browser',
    ask: 'Ask again',
    usage: 'Storage used',
    usageValue: '{{used}} of {{quota}} ({{percent}}%)',
    verify: 'Check event chain',
    verifying: 'Checking…',
    chainOk_one: 'The {{count}} event of {{device}} is intact.',
    chainOk_other: 'All {{count}} events of {{device}} are intact.',
    chainBroken: 'Chain broken at event {{seq}} ({{kind}}): {{detail}}',
    rejects_one: '{{count}} document in the log is not a valid event and was left out.',
    rejects_other: '{{count}} documents in the log are not valid events and were left out.',
    paper: 'Token slip printer',
    paper80: '80 mm thermal receipt roll',
    paperA6: 'A6 sheets (ordinary printer)',
    idle: 'Lock the screen after (minutes)',
    departments: 'OPD departments',
    departmentsHint: 'Whom each department sees: a token for anyone else asks the clerk to confirm. Tokens and requisitions already made keep their department.',
    saveDepartments: 'Save departments',
    save: 'Save',
    saved: 'Saved.',
  },
  printer: printerEn,
  errors: {
    role: 'Choose clerk, lab technician, pathologist or administrator.',
    duplicateUser: 'A user with this name already exists on this device.',
    idleRange: 'Between 1 and 120 minutes.',
  },
};
