import { wardsHi } from '../wardsHi';
import type { strings as en } from './wards.en';

/** Hindi: The wards' screens and printouts. */
export const strings: typeof en = {
  wards: wardsHi,
  errors: {
    wardCode: '2–6 बड़े अंग्रेज़ी अक्षर या अंक लिखें, जैसे SURG।',
    bedLabel: 'बिस्तर का लेबल 8 अक्षरों या अंकों तक होता है ("12", "ICU3"); यह नहीं है: {{label}}',
    bedTwice: 'बिस्तर {{label}} दो बार लिखा है।',
    tooManyBeds: 'एक वार्ड में अधिकतम {{max}} बिस्तर।',
    bedType: 'बिस्तर का प्रकार चुनें।',
    bedMark: 'खाली, आरक्षित या सफ़ाई में चुनें।',
    admitSource: 'चुनें कि मरीज़ कहाँ से भर्ती हो रहा है।',
    discharge: 'चुनें कि मरीज़ कैसे जा रहा है।',
    diedAtNotDeath: 'मृत्यु का समय केवल मृत्यु के साथ दिया जाता है।',
    admissionId: 'यह आईपी नंबर नहीं है (IP-K7-000001-X)।',
    wardNotFound: 'यह वार्ड इस उपकरण पर नहीं बना है।',
    bedNotFound: 'इस वार्ड में ऐसा कोई बिस्तर नहीं।',
    bedOccupied: 'इस उपकरण पर बिस्तर {{bed}} भरा है। खाली बिस्तर चुनें।',
    alreadyAdmitted: 'यह मरीज़ पहले से भर्ती है ({{admission}}): स्थानांतरण करें।',
    admissionNotFound: 'यह भर्ती इस उपकरण पर नहीं है।',
    admissionClosed: 'यह मरीज़ पहले ही डिस्चार्ज हो चुका है।',
    admissionInError: 'यह भर्ती ग़लती से दर्ज के रूप में चिह्नित है।',
    sameBed: 'मरीज़ पहले से इसी बिस्तर पर है।',
  },
};
