/** ER-<device>-<6 digits>: an emergency visit, counted per device like downtime IDs. */
export const VISIT_ID = /^ER-([A-Z0-9]{2,3})-(\d{6})$/;
export const MAX_VISITS = 999_999;

export function formatVisitId(device: string, n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > MAX_VISITS) throw new RangeError(`visit number ${n} out of range`);
  return `ER-${device}-${String(n).padStart(6, '0')}`;
}

export function parseVisitId(id: string): { device: string; number: number } | null {
  const m = VISIT_ID.exec(id);
  return m ? { device: m[1]!, number: Number(m[2]) } : null;
}
