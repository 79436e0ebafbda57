
/**
 * The login screen and what frames it (top bar, update banner), built into the first load: every other area loads with its screens.
 * Every key here is in base.hi.ts (typed, and a unit test checks).
 */
export const strings = {
  app: { title: 'Downtime Desk', loading: 'Starting…', offline: 'Offline', online: 'Online', language: 'भाषा: हिन्दी',
    loadFailed: 'This screen could not be loaded. Reload the app (online, if it fails again).', reload: 'Reload' },
  nav: { sync: 'Resync', home: 'Home', desk: 'Registration', queue: 'Queue', emergency: 'Emergency', wards: 'Wards', lab: 'Lab', users: 'Users', device: 'This device', his: 'HIS index', reconcile: 'Reconcile', logout: 'Log out', lock: 'Lock' },
  roles: { clerk: 'Ward clerk', lab: 'Lab technician', pathologist: 'Pathologist', admin: 'Administrator' },
  user: {
    name: 'Name',
    role: 'Role',
    pin: 'PIN (6–12 digits)',
    pinAgain: 'PIN again',
  },
  login: {
    title: 'Log in',
    who: 'Who are you?',
    pin: 'PIN',
    submit: 'Log in',
    checking: 'Checking…',
    lockedTitle: 'Screen locked',
    lockedBody: '{{name}}, enter your PIN to continue where you left off.',
    unlock: 'Unlock',
    switchUser: 'Another user',
    sealLog: 'Encrypting this device\'s records after the update: {{done}} of {{total}}. Keep the tablet on; if it is closed, the next login carries on.',
    project: 'Opening the records: {{done}} of {{total}}',
    useRecovery: 'Every PIN lost? Use the recovery code',
  },
  update: { available: 'A new version of Downtime Desk is ready.', apply: 'Update now', later: 'Later', note: 'Finish the form you are filling first: the page reloads.' },
  kiosk: {
    leave: 'Leave display',
    leaveTitle: 'Leave the waiting-room display',
    back: 'Back to the display',
  },
  // The storage banner, shown from the login on.
  device: {
    warn: 'Storage is filling up. Sync with the central store as soon as the network is declared clean, and do not install other apps.',
    critical: 'Storage is almost full: new records may soon be refused. Sync now if the network is clean, or call IT.',
  },
  errors: {
    locked: 'Log in first: the records open only with a PIN.',
    pinNeedsReset: 'Your PIN is right, but since the update the records open only with a new key for you: ask an administrator to set your PIN again (Users).',
    required: 'This is required.',
    invalid: 'This value is not valid.',
    unknownUser: 'No such user on this device.',
    wrongPin: 'Wrong PIN.',
    pinWait_one: 'Too many wrong PINs. Try again in {{count}} second.',
    pinWait_other: 'Too many wrong PINs. Try again in {{count}} seconds.',
    accountLocked_one: 'Locked after too many wrong PINs. Try again in {{count}} minute or ask an administrator.',
    accountLocked_other: 'Locked after too many wrong PINs. Try again in {{count}} minutes or ask an administrator.',
    notEnrolled: 'This device is not enrolled yet.',
    unexpected: 'Something went wrong: {{message}}',
  },
};
