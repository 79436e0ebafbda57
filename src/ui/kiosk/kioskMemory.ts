const KEY = 'downtime-desk:kiosk';

/**
 * A display that reloads (power blip, update) comes back as a display, not as a login screen:
 * kept per tab (sessionStorage), so another tab of the same tablet is not turned into one.
 */
export function rememberedKiosk(): string | null {
  try {
    return globalThis.sessionStorage?.getItem(KEY) ?? null;
  } catch {
    return null;
  }
}

export function rememberKiosk(dept: string | null): void {
  try {
    if (dept === null) globalThis.sessionStorage?.removeItem(KEY);
    else globalThis.sessionStorage?.setItem(KEY, dept);
  } catch {
    // Storage refused (private mode): the display still works until the next reload.
  }
}
