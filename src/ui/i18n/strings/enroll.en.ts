
/**
 * Enrolling a device (and the department table the device screen shares).
 * Every key here is in enroll.hi.ts (typed, and a unit test checks).
 */
export const strings = {
  enroll: {
    title: 'Set up this device',
    replaces: 'Replacing a lost tablet (optional)',
    replacesHint: 'Enter the lost tablet\'s device code above and pick its latest backup bundle and the hospital\'s private backup key file: its events come back and this tablet carries on with its numbers.',
    restoreNeedsBoth: 'To replace a lost tablet pick both its backup bundle and the hospital\'s private backup key file (or neither for a new tablet). Nothing was enrolled.',
    intro: 'An administrator enrolls each tablet once. Everything is kept on this device until the network is declared clean.',
    hospital: 'Hospital name',
    code: 'Device code',
    codeHint: '2–3 capital letters or digits, unique in the hospital, e.g. K7',
    timeZone: 'Time zone',
    departments: 'OPD departments',
    deptCode: 'Code',
    deptName: 'Name (English)',
    deptNameHi: 'Name (Hindi)',
    addDept: 'Add department',
    deptSees: 'Sees',
    deptSex: 'Sex seen',
    deptSexAny: 'Everyone',
    deptSexF: 'Female only',
    deptSexM: 'Male only',
    deptMinYears: 'From age (years)',
    deptMaxYears: 'To age (years)',
    deptYears: 'years',
    removeDept: 'Remove {{code}}',
    admin: 'First administrator',
    submit: 'Enroll device',
    saving: 'Enrolling…',
  },
  errors: {
    deviceCode: 'Use 2–3 capital letters or digits, e.g. K7.',
    noDepartments: 'Add at least one department.',
    timeZone: 'Not a time zone name, e.g. Asia/Kolkata.',
    alreadyEnrolled: 'This device is already enrolled.',
    deptAgeRange: 'An age between 0 and 125 years.',
    deptAgeOrder: 'The upper age is below the lower one.',
  },
};
