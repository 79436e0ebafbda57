import type { strings as en } from './enroll.en';

/** Hindi: Enrolling a device (and the department table the device screen shares). */
export const strings: typeof en = {
  enroll: {
    title: 'इस उपकरण को सेट करें',
    replaces: 'खोए टैबलेट की जगह (वैकल्पिक)',
    replacesHint: 'ऊपर खोए टैबलेट का उपकरण कोड लिखें और उसका नवीनतम बैकअप बंडल और अस्पताल की निजी बैकअप कुंजी की फ़ाइल चुनें: उसके इवेंट वापस आएँगे और यह टैबलेट उसके नंबरों से आगे चलेगा।',
    restoreNeedsBoth: 'खोए टैबलेट की जगह लेने के लिए उसका बैकअप बंडल और अस्पताल की निजी बैकअप कुंजी की फ़ाइल दोनों चुनें (नए टैबलेट के लिए कोई नहीं)। कुछ भी एनरोल नहीं हुआ।',
    intro: 'प्रशासक हर टैबलेट को एक बार पंजीकृत करता है। नेटवर्क के सुरक्षित घोषित होने तक सब कुछ इसी उपकरण पर रहता है।',
    hospital: 'अस्पताल का नाम',
    code: 'उपकरण कोड',
    codeHint: '2–3 बड़े अंग्रेज़ी अक्षर या अंक, अस्पताल में अनोखा, जैसे K7',
    timeZone: 'समय क्षेत्र',
    departments: 'ओपीडी विभाग',
    deptCode: 'कोड',
    deptName: 'नाम (अंग्रेज़ी)',
    deptNameHi: 'नाम (हिन्दी)',
    addDept: 'विभाग जोड़ें',
    deptSees: 'किन्हें देखता है',
    deptSex: 'लिंग',
    deptSexAny: 'सभी',
    deptSexF: 'केवल महिला',
    deptSexM: 'केवल पुरुष',
    deptMinYears: 'आयु से (वर्ष)',
    deptMaxYears: 'आयु तक (वर्ष)',
    deptYears: 'वर्ष',
    removeDept: '{{code}} हटाएँ',
    admin: 'पहला प्रशासक',
    submit: 'उपकरण पंजीकृत करें',
    saving: 'पंजीकरण हो रहा है…',
  },
};
