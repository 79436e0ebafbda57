import type { Department } from '../device';

export type Misfit =
  | { rule: 'sex'; sex: 'M' | 'F' }
  | { rule: 'tooYoung'; minYears: number; ageYears: number }
  | { rule: 'tooOld'; maxYears: number; ageYears: number };

/**
 * Why a patient does not fit a department's rules, or null. The rules catch a wrong pick in the
 * department list (OBG for a boy), not a clinical decision, so the clerk may confirm and go on.
 */
export function departmentMisfit(dept: Pick<Department, 'sex' | 'minYears' | 'maxYears'>, patient: { sex: string; ageYears: number }): Misfit | null {
  if (dept.sex !== undefined && patient.sex !== dept.sex) return { rule: 'sex', sex: dept.sex };
  if (dept.minYears !== undefined && patient.ageYears < dept.minYears) return { rule: 'tooYoung', minYears: dept.minYears, ageYears: patient.ageYears };
  if (dept.maxYears !== undefined && patient.ageYears > dept.maxYears) return { rule: 'tooOld', maxYears: dept.maxYears, ageYears: patient.ageYears };
  return null;
}

/** The misfit as a message key under `errors.` and its parameters: the desk's warning and the use-case's refusal read alike. */
export function misfitMessage(m: Misfit, dept: string): { code: string; params: Record<string, string | number> } {
  switch (m.rule) {
    case 'sex':
      return { code: m.sex === 'F' ? 'deptWomenOnly' : 'deptMenOnly', params: { dept } };
    case 'tooYoung':
      return { code: 'deptTooYoung', params: { dept, min: m.minYears, age: m.ageYears } };
    case 'tooOld':
      return { code: 'deptTooOld', params: { dept, max: m.maxYears, age: m.ageYears } };
  }
}
