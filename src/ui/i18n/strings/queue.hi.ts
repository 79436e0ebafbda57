import type { strings as en } from './queue.en';

/** Hindi: The queue screen and the waiting-room display. */
export const strings: typeof en = {
  queue: {
    title: 'ओपीडी कतार',
    dept: 'विभाग',
    callNext: 'अगला बुलाएँ',
    nobodyWaiting: 'कोई प्रतीक्षा में नहीं है।',
    nowCalled: 'अभी बुलाए गए',
    waiting: 'प्रतीक्षा में ({{count}})',
    done: 'पूरा',
    skip: 'छोड़ें',
    cancel: 'रद्द करें',
    cancelReason: 'रद्द करने का कारण',
    confirmCancel: 'टोकन रद्द करें',
    closed: 'आज पूरे: {{done}} · रद्द: {{cancelled}}',
    display: 'प्रतीक्षा-कक्ष डिस्प्ले खोलें',
    displayHint: 'डिस्प्ले इस टैब पर खुलता है और आपको लॉग आउट कर देता है; इसे छोड़ने के लिए पिन चाहिए।',
  },
  display: {
    now: 'अभी',
    next: 'अगले',
    none: '—',
    room: 'कमरा {{room}}',
  },
};
