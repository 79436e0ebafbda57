import type { Calculation } from './analytes';

/** Entered values by analyte code (one test's). */
export type Inputs = ReadonlyMap<string, number>;

const round = (n: number, decimals: number) => Math.round(n * 10 ** decimals) / 10 ** decimals;

/**
 * The formulas of calculated analytes; null when an input is missing or the formula does not
 * hold (Friedewald is not valid from triglycerides of 400 mg/dL). Pure, so every tablet and the
 * report compute the same.
 */
export function calculate(calc: Calculation, v: Inputs, decimals: number): number | null {
  const get = (...codes: string[]) => (codes.every((c) => v.has(c)) ? codes.map((c) => v.get(c)!) : null);
  const abs = (code: string) => {
    const x = get('WBC', code);
    return x ? (x[0]! * x[1]!) / 100 : null;
  };
  let out: number | null = null;
  switch (calc) {
    case 'indirectBilirubin': {
      const x = get('TBIL', 'DBIL');
      out = x && x[0]! >= x[1]! ? x[0]! - x[1]! : null;
      break;
    }
    case 'globulin': {
      const x = get('TP', 'ALB');
      out = x && x[0]! >= x[1]! ? x[0]! - x[1]! : null;
      break;
    }
    case 'agRatio': {
      const x = get('TP', 'ALB');
      out = x && x[0]! > x[1]! ? x[1]! / (x[0]! - x[1]!) : null;
      break;
    }
    case 'ldlFriedewald': {
      const x = get('CHOL', 'HDL', 'TG');
      out = x && x[2]! < 400 ? Math.max(0, x[0]! - x[1]! - x[2]! / 5) : null;
      break;
    }
    case 'vldl': {
      const x = get('TG');
      out = x && x[0]! < 400 ? x[0]! / 5 : null;
      break;
    }
    case 'absNeutrophils':
      out = abs('NEUT');
      break;
    case 'absLymphocytes':
      out = abs('LYMPH');
      break;
    case 'absMonocytes':
      out = abs('MONO');
      break;
    case 'absEosinophils':
      out = abs('EOS');
      break;
  }
  return out === null ? null : round(out, decimals);
}

/**
 * Values that cannot all be true together: a part larger than its whole, a differential that
 * does not add up to 100 (±3, the rounding of five percentages). Each names the analyte to fix.
 */
export function crossCheck(v: Inputs): Array<{ analyte: string; reason: string }> {
  const problems: Array<{ analyte: string; reason: string }> = [];
  if (v.has('TBIL') && v.has('DBIL') && v.get('DBIL')! > v.get('TBIL')!) problems.push({ analyte: 'DBIL', reason: 'resultDirectAboveTotal' });
  if (v.has('TP') && v.has('ALB') && v.get('ALB')! > v.get('TP')!) problems.push({ analyte: 'ALB', reason: 'resultAlbuminAboveProtein' });
  if (v.has('CHOL') && v.has('HDL') && v.get('HDL')! > v.get('CHOL')!) problems.push({ analyte: 'HDL', reason: 'resultHdlAboveTotal' });
  const diff = ['NEUT', 'LYMPH', 'MONO', 'EOS', 'BASO'];
  if (diff.every((c) => v.has(c))) {
    const sum = diff.reduce((s, c) => s + v.get(c)!, 0);
    if (Math.abs(sum - 100) > 3) problems.push({ analyte: 'BASO', reason: 'resultDifferentialSum' });
  }
  return problems;
}
