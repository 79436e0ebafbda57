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

/**
 * Waits until the screen has loaded what it shows: no region is busy (a lazy screen or its
 * data: the Loading fallback) and the page has not changed for three frames in a row (live
 * queries re-render once their rows arrive).
 */
export async function settled(page: Page) {
  await page.waitForFunction(() => document.querySelector('[aria-busy="true"]') === null);
  await page.evaluate(() => new Promise<void>((resolve) => {
    let quiet = 0;
    const changes = new MutationObserver(() => { quiet = 0; });
    changes.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    const frame = () => {
      quiet += 1;
      if (quiet >= 3) {
        changes.disconnect();
        resolve();
      } else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }));
}
