import type { strings as en } from './base.en';

/** Hindi: The login screen and what frames it (top bar, update banner), built into the first load: every other area loads with its screens. */
export const strings: typeof en = {
  app: { title: 'डाउनटाइम डेस्क', loading: 'शुरू हो रहा है…', offline: 'ऑफ़लाइन', online: 'ऑनलाइन', language: 'Language: English' },
  nav: { sync: 'सिंक', home: 'मुख्य पृष्ठ', desk: 'पंजीकरण', queue: 'कतार', emergency: 'आपातकाल', wards: 'वार्ड', lab: 'लैब', users: 'उपयोगकर्ता', device: 'यह उपकरण', his: 'HIS सूची', reconcile: 'मिलान', logout: 'लॉग आउट', lock: 'लॉक करें' },
  roles: { clerk: 'वार्ड क्लर्क', lab: 'लैब तकनीशियन', pathologist: 'पैथोलॉजिस्ट', admin: 'प्रशासक' },
  user: {
    name: 'नाम',
    role: 'भूमिका',
    pin: 'पिन (6–12 अंक)',
    pinAgain: 'पिन दोबारा',
  },
  login: {
    title: 'लॉग इन',
    who: 'आप कौन हैं?',
    pin: 'पिन',
    submit: 'लॉग इन करें',
    checking: 'जाँच हो रही है…',
    lockedTitle: 'स्क्रीन लॉक है',
    lockedBody: '{{name}}, जहाँ छोड़ा था वहीं से जारी रखने के लिए अपना पिन डालें।',
    unlock: 'अनलॉक करें',
    switchUser: 'दूसरा उपयोगकर्ता',
    sealLog: 'अपडेट के बाद इस उपकरण के रिकॉर्ड एन्क्रिप्ट हो रहे हैं: {{total}} में से {{done}}। टैबलेट चालू रखें; बंद हो जाए तो अगले लॉगिन पर काम आगे चलेगा।',
    project: 'रिकॉर्ड खोले जा रहे हैं: {{total}} में से {{done}}',
    useRecovery: 'सभी पिन खो गए? पुनर्प्राप्ति कोड इस्तेमाल करें',
  },
  update: { available: 'डाउनटाइम डेस्क का नया संस्करण तैयार है।', apply: 'अभी अपडेट करें', later: 'बाद में', note: 'पहले भरा जा रहा फ़ॉर्म पूरा करें: पेज फिर से लोड होगा।' },
  kiosk: {
    leave: 'डिस्प्ले छोड़ें',
    leaveTitle: 'प्रतीक्षा-कक्ष डिस्प्ले छोड़ें',
    back: 'डिस्प्ले पर वापस',
  },
  device: {
    warn: 'भंडारण भर रहा है। नेटवर्क सुरक्षित घोषित होते ही केंद्रीय भंडार से सिंक करें, और कोई दूसरा ऐप इंस्टॉल न करें।',
    critical: 'भंडारण लगभग भर गया है: नए रिकॉर्ड जल्द ही अस्वीकार हो सकते हैं। नेटवर्क सुरक्षित हो तो अभी सिंक करें, या आईटी को बुलाएँ।',
  },
  errors: {
    locked: 'पहले लॉग इन करें: रिकॉर्ड केवल पिन से खुलते हैं।',
    pinNeedsReset: 'आपका पिन सही है, पर अपडेट के बाद रिकॉर्ड आपके लिए नई कुंजी से ही खुलते हैं: किसी प्रशासक से अपना पिन फिर से बनवाएँ (उपयोगकर्ता)।',
    required: 'यह आवश्यक है।',
    invalid: 'यह मान मान्य नहीं है।',
    unknownUser: 'इस उपकरण पर ऐसा कोई उपयोगकर्ता नहीं है।',
    wrongPin: 'गलत पिन।',
    pinWait_one: 'बहुत बार गलत पिन। {{count}} सेकंड बाद फिर कोशिश करें।',
    pinWait_other: 'बहुत बार गलत पिन। {{count}} सेकंड बाद फिर कोशिश करें।',
    accountLocked_one: 'बहुत बार गलत पिन के कारण लॉक। {{count}} मिनट बाद कोशिश करें या प्रशासक से पूछें।',
    accountLocked_other: 'बहुत बार गलत पिन के कारण लॉक। {{count}} मिनट बाद कोशिश करें या प्रशासक से पूछें।',
    notEnrolled: 'यह उपकरण अभी पंजीकृत नहीं है।',
    unexpected: 'कुछ गलत हुआ: {{message}}',
  },
};
