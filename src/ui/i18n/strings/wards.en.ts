import { wardsEn } from '../wardsEn';

/**
 * The wards' screens and printouts.
 * Every key here is in wards.hi.ts (typed, and a unit test checks).
 */
export const strings = {
  wards: wardsEn,
  errors: {
    wardCode: 'Use 2–6 capital letters or digits, e.g. SURG.',
    bedLabel: 'A bed label is up to 8 letters or digits ("12", "ICU3"); this one is not: {{label}}',
    bedTwice: 'Bed {{label}} is listed twice.',
    tooManyBeds: 'At most {{max}} beds in one ward.',
    bedType: 'Choose a bed type.',
    bedMark: 'Choose free, reserved or being cleaned.',
    admitSource: 'Choose where the patient is admitted from.',
    discharge: 'Choose how the patient leaves.',
    diedAtNotDeath: 'A time of death goes with a death only.',
    admissionId: 'This is not an IP number (IP-K7-000001-X).',
    wardNotFound: 'This ward is not set up on this device.',
    bedNotFound: 'This ward has no such bed.',
    bedOccupied: 'Bed {{bed}} is occupied on this device. Choose a free bed.',
    alreadyAdmitted: 'This patient is already admitted ({{admission}}): transfer instead.',
    admissionNotFound: 'This admission is not on this device.',
    admissionClosed: 'This patient has already been discharged.',
    admissionInError: 'This admission was marked entered in error.',
    sameBed: 'The patient is already in this bed.',
  },
};
