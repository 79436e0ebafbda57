/**
 * The recovery sheet, printed once at enrollment (src/print/RecoverySheet.tsx). Both languages
 * are printed side by side whatever the screen's language, like the token slip.
 */
export const recoverySheetEn = {
  title: 'Recovery sheet',
  hospital: 'Hospital',
  device: 'Device',
  date: 'Printed on',
  code: 'Recovery code',
  codeHint: 'Groups of four, then one check character: a mistyped or swapped character is caught. O reads as 0, I and L as 1.',
  qr: 'The same code, to scan',
  keep: 'Keep this sheet locked away, apart from the tablet.',
  danger: 'Anyone who has this sheet and the tablet can read the patient data on it.',
  when: 'It is needed only when every PIN on this device is lost: with it, an administrator sets new PINs.',
};

export const recoverySheetHi: typeof recoverySheetEn = {
  title: 'पुनर्प्राप्ति पत्र',
  hospital: 'अस्पताल',
  device: 'उपकरण',
  date: 'प्रिंट की तारीख़',
  code: 'पुनर्प्राप्ति कोड',
  codeHint: 'चार-चार के समूह, फिर एक जाँच अक्षर: गलत लिखा या आपस में बदला अक्षर पकड़ में आ जाता है। O को 0 और I या L को 1 पढ़ा जाता है।',
  qr: 'यही कोड, स्कैन करने के लिए',
  keep: 'इस पत्र को टैबलेट से अलग, ताले में रखें।',
  danger: 'जिसके पास यह पत्र और टैबलेट दोनों हों, वह उस पर मरीज़ों का डेटा पढ़ सकता है।',
  when: 'इसकी ज़रूरत तभी है जब इस उपकरण के सभी पिन खो जाएँ: इससे प्रशासक नए पिन बनाता है।',
};
