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
