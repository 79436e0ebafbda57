/**
 * What makes one analyte's definition self-contradictory, whoever wrote it: the administrator's
 * editor shows these on the field, the device refuses to publish them, and the gateway refuses
 * an event carrying them (the event schema runs the same check; the store's design document
 * checks the event's shape only), so no report can ever print a range its own flags disagree with.
 */

/** Structural type: analytes.ts builds its schema on these rules, so they cannot import it. */
interface Range { band: string; sex?: 'M' | 'F' | undefined; low?: number | undefined; high?: number | undefined }
type AnalyteLike =
  | { kind: 'number'; min: number; max: number; ranges: readonly Range[]; criticalLow?: number | undefined; criticalHigh?: number | undefined }
  | { kind: 'choice'; answers: readonly string[]; normal: readonly string[] }
  | { kind: 'text' };

export interface AnalyteProblem {
  /** Within the analyte: ['ranges', 0, 'low'], ['criticalHigh'], … */
  path: Array<string | number>;
  code: string;
}

export function analyteProblems(a: AnalyteLike): AnalyteProblem[] {
  const out: AnalyteProblem[] = [];
  if (a.kind === 'choice') {
    if (new Set(a.answers.map((x) => x.toLowerCase())).size !== a.answers.length) out.push({ path: ['answers'], code: 'duplicateAnswer' });
    if (!a.normal.every((n) => a.answers.includes(n))) out.push({ path: ['normal'], code: 'normalAnswer' });
    return out;
  }
  if (a.kind !== 'number') return out;
  if (a.min > a.max) out.push({ path: ['min'], code: 'limits' });
  const bands = new Set<string>();
  a.ranges.forEach((r, i) => {
    const key = `${r.band}:${r.sex ?? ''}`;
    if (bands.has(key)) out.push({ path: ['ranges', i, 'band'], code: 'duplicateRange' });
    bands.add(key);
    if (r.low !== undefined && r.high !== undefined && r.low > r.high) out.push({ path: ['ranges', i, 'low'], code: 'rangeOrder' });
    // A range reaching past the impossible limits could never be reached by an accepted value.
    if (r.low !== undefined && r.low < a.min) out.push({ path: ['ranges', i, 'low'], code: 'rangeOutsideLimits' });
    else if (r.high !== undefined && r.high > a.max) out.push({ path: ['ranges', i, 'high'], code: 'rangeOutsideLimits' });
  });
  const { criticalLow: cl, criticalHigh: ch } = a;
  if (cl !== undefined && ch !== undefined && cl >= ch) out.push({ path: ['criticalLow'], code: 'criticalOrder' });
  // A critical limit inside a reference range would call a normal value critical (LL above L).
  // Critical limits are one pair for every age: a newborn's range may reach past them (a
  // newborn's Hb of 21 is normal yet still called out, as in BASE-1), an adult's or child's not.
  const judged = a.ranges.filter((r) => r.band !== 'newborn');
  if (cl !== undefined && judged.some((r) => cl > (r.low ?? r.high ?? Infinity))) out.push({ path: ['criticalLow'], code: 'criticalInsideRange' });
  if (ch !== undefined && judged.some((r) => ch < (r.high ?? r.low ?? -Infinity))) out.push({ path: ['criticalHigh'], code: 'criticalInsideRange' });
  if ((cl !== undefined && (cl < a.min || cl > a.max)) || (ch !== undefined && (ch < a.min || ch > a.max))) {
    out.push({ path: [cl !== undefined && (cl < a.min || cl > a.max) ? 'criticalLow' : 'criticalHigh'], code: 'criticalOutsideLimits' });
  }
  return out;
}
