/** "This device" → printers: the resolution barcodes are drawn for, and the test label. */
export const printerEn = {
  title: 'Printers',
  dpi: 'Printer resolution',
  dpi203: '203 dpi (8 dots per mm: most thermal label and receipt printers)',
  dpi300: '300 dpi (12 dots per mm)',
  dpiHint: 'Barcodes are drawn in whole dots of this resolution, or they may not scan. It is on the printer\'s rating plate or in its manual.',
  test: 'Print test label',
  testHint: 'Before an outage: print it on the label roll, hold the ruler against a real one (50 mm must measure 50 mm) and scan the barcode on a lab screen: the lab should answer that the specimen is not on this device.',
  testPrinted: 'Test label sent to the printer.',
  // On the printed label.
  labelTitle: 'Printer test · {{dpi}} dpi',
  labelScans: 'Scans as {{value}}',
  labelRuler: 'mm',
};

export const printerHi: typeof printerEn = {
  title: 'प्रिंटर',
  dpi: 'प्रिंटर रिज़ॉल्यूशन',
  dpi203: '203 dpi (8 बिंदु प्रति मिमी: अधिकतर थर्मल लेबल और रसीद प्रिंटर)',
  dpi300: '300 dpi (12 बिंदु प्रति मिमी)',
  dpiHint: 'बारकोड इसी रिज़ॉल्यूशन के पूरे बिंदुओं में बनते हैं, वरना वे स्कैन न हों। यह प्रिंटर की रेटिंग प्लेट या पुस्तिका में लिखा होता है।',
  test: 'परीक्षण लेबल प्रिंट करें',
  testHint: 'आउटेज से पहले: इसे लेबल रोल पर प्रिंट करें, पैमाने को असली पैमाने से मिलाएँ (50 मिमी 50 मिमी ही नापे) और बारकोड को लैब स्क्रीन पर स्कैन करें: लैब को बताना चाहिए कि यह नमूना इस उपकरण पर नहीं है।',
  testPrinted: 'परीक्षण लेबल प्रिंटर को भेजा गया।',
  labelTitle: 'प्रिंटर परीक्षण · {{dpi}} dpi',
  labelScans: 'स्कैन पर {{value}}',
  labelRuler: 'मिमी',
};
