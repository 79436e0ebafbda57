import type { strings as en } from './slip.en';

/** Hindi: the OPD token slip. */
export const strings: typeof en = {
  slip: {
    token: 'टोकन',
    doctor: 'डॉक्टर',
    room: 'कमरा',
    patient: 'मरीज़',
    ageSex: 'आयु / लिंग',
    downtimeId: 'डाउनटाइम आईडी',
    uhid: 'यूएचआईडी',
    issued: 'जारी',
    device: 'उपकरण',
    reprint: 'पुनर्मुद्रण {{n}}',
    wait: 'डिस्प्ले पर अपना टोकन नंबर देखते रहें। यह पर्ची संभालकर रखें।',
  },
};
