import { describe, expect, it } from 'vitest';
import { departmentMisfit, misfitMessage } from '../../src/domain/tokens/departmentFit';

const OBG = { sex: 'F' as const };
const PED = { maxYears: 17 };
const GER = { minYears: 60 };

describe('does a patient fit a department', () => {
  it.each([
    ['a 7-year-old boy at OBG', OBG, { sex: 'M', ageYears: 7 }, 'deptWomenOnly'],
    ['a patient of other sex at OBG', OBG, { sex: 'O', ageYears: 30 }, 'deptWomenOnly'],
    ['an adult at paediatrics', PED, { sex: 'F', ageYears: 18 }, 'deptTooOld'],
    ['a child at geriatrics', GER, { sex: 'M', ageYears: 59 }, 'deptTooYoung'],
  ])('%s does not', (_label, dept, patient, code) => {
    expect(misfitMessage(departmentMisfit(dept, patient)!, 'X').code).toBe(code);
  });

  it.each([
    ['a woman at OBG', OBG, { sex: 'F', ageYears: 30 }],
    ['a 17-year-old at paediatrics (both ends count)', PED, { sex: 'M', ageYears: 17 }],
    ['anyone where no rule is set', {}, { sex: 'O', ageYears: 0 }],
  ])('%s does', (_label, dept, patient) => {
    expect(departmentMisfit(dept, patient)).toBeNull();
  });

  it('says the limit and the age', () => {
    expect(misfitMessage(departmentMisfit(PED, { sex: 'M', ageYears: 45 })!, 'PED')).toEqual({ code: 'deptTooOld', params: { dept: 'PED', max: 17, age: 45 } });
  });
});
