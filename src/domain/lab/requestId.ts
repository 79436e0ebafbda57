/** LR-<device>-<7 digits>: a lab requisition, counted per device so offline tablets never clash. */
export const LAB_REQUEST_ID = /^LR-([A-Z0-9]{2,3})-(\d{7})$/;
export const MAX_REQUEST_NUMBER = 9_999_999;

export function formatRequestId(device: string, n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > MAX_REQUEST_NUMBER) throw new RangeError(`request number ${n} out of range`);
  return `LR-${device}-${String(n).padStart(7, '0')}`;
}

export function requestNumber(id: string): { device: string; number: number } | null {
  const m = LAB_REQUEST_ID.exec(id);
  return m ? { device: m[1]!, number: Number(m[2]) } : null;
}
