import { describe, expect, it } from 'vitest';
import { dotMm, fitModuleDots, placeOnDots, PX_MM } from '../../src/print/dots';

describe('barcodes in whole printer dots', () => {
  it('rounds the narrowest bar to whole dots, narrows it to fit, and gives up below 2 dots', () => {
    // 0.25 mm is 2 dots at 203 dpi and 3 at 300.
    expect(fitModuleDots(209, 203, 0.25, 72)).toBe(2);
    expect(fitModuleDots(209, 300, 0.25, 72)).toBe(3);
    // A full specimen ID (220 modules) on a 49 mm wide strip: 2 dots at 300 dpi, not even 2 at 203.
    expect(fitModuleDots(220, 300, 0.25, 49)).toBe(2);
    expect(fitModuleDots(220, 203, 0.25, 49)).toBeNull();
    // Its compact form (132 modules) fits a 37 mm strip at 203 dpi.
    expect(fitModuleDots(132, 203, 0.25, 37)).toBe(2);
  });

  it('puts the first bar on a whole dot from the paper\'s edge, the element itself on a whole CSS pixel', () => {
    for (const dpi of [203, 300] as const) {
      for (const [widthDots, boxLeft, boxWidth] of [[264, 0, 50], [418, 0, 50], [400, 4, 72], [627, 5, 95], [440, 8, undefined]] as const) {
        const { marginLeftMm, shiftMm } = placeOnDots(widthDots, dpi, boxLeft, boxWidth);
        const elementMm = boxLeft + marginLeftMm;
        const firstDot = (elementMm + shiftMm) / dotMm(dpi);
        expect(Math.abs(firstDot - Math.round(firstDot)), `${dpi} dpi, ${widthDots} dots in ${boxLeft}+${boxWidth}`).toBeLessThan(0.01);
        const pixels = elementMm / PX_MM;
        expect(Math.abs(pixels - Math.round(pixels))).toBeLessThan(0.01);
        expect(shiftMm).toBeGreaterThanOrEqual(0);
        expect(shiftMm).toBeLessThan(PX_MM);
        if (boxWidth !== undefined) {
          // Centred to within a dot.
          const left = firstDot * dotMm(dpi) - boxLeft;
          const right = boxWidth - left - widthDots * dotMm(dpi);
          expect(Math.abs(left - right)).toBeLessThanOrEqual(dotMm(dpi) * 1.01);
        }
      }
    }
  });
});
