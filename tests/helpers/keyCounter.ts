import type { Page } from 'playwright-core';

/** Counts the keys that are not the patient's data: what the clerk spends on moving around a form. */
export class KeyCounter {
  count = 0;
  constructor(private readonly page: Page) {}
  async press(key: string) {
    this.count += 1;
    await this.page.keyboard.press(key);
  }
  type(text: string) {
    return this.page.keyboard.type(text);
  }
}
