import type { Page } from 'playwright-core';

/** A ten-inch tablet held upright: 800 × 1280 CSS pixels. */
export const TABLET = { width: 800, height: 1280 };

/** What sticks out past the right edge, if the page scrolls sideways: a few elements to name; else null. */
export function sideways(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return null;
    return [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 1)
      .slice(0, 4).map((el) => `${el.tagName.toLowerCase()}.${el.className} “${(el.textContent ?? '').slice(0, 30)}”`);
  });
}
