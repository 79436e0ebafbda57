import { emergencyEn } from '../emergencyEn';

/**
 * The emergency screens.
 * Every key here is in emergency.hi.ts (typed, and a unit test checks).
 */
export const strings = {
  emergency: emergencyEn,
  errors: {
    arrival: 'Choose how the patient came.',
    triage: 'Choose a triage category.',
    disposition: 'Choose a disposition.',
    visitClosed: 'This visit already has a disposition.',
    visitAlreadyOpen: 'This patient already has an open emergency visit, {{visit}}: triage or dispose of it there.',
  },
};
