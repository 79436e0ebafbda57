/**
 * The OPD token slip, printed in English and Hindi whatever the screen's language: a print loads
 * this area in both, and only this one (src/print/printJob.tsx).
 * Every key here is in slip.hi.ts (typed, and a unit test checks).
 */
export const strings = {
  slip: {
    token: 'Token',
    doctor: 'Doctor',
    room: 'Room',
    patient: 'Patient',
    ageSex: 'Age / Sex',
    downtimeId: 'Downtime ID',
    uhid: 'UHID',
    issued: 'Issued',
    device: 'Device',
    reprint: 'REPRINT {{n}}',
    wait: 'Watch the display for your token number. Keep this slip.',
  },
};
