import { describe, expect, it } from 'vitest';
import type { HisRecord } from '../../src/domain/hisIndex/record';
import { rankCandidates, scoreCandidate, type DowntimePatient } from '../../src/domain/hisIndex/score';

/** Registered in Devanagari at the downtime desk on 2026-11-26: "about 46", her mobile, Laxmi Nagar. */
const SUNITA: DowntimePatient = {
  name: 'सुनीता देवी', sex: 'F', birth: { kind: 'age', years: 46, months: 0, days: 0 }, registeredDay: '2026-11-26',
  mobile: '9876543210', address: { locality: 'Laxmi Nagar', district: 'East Delhi', state: 'Delhi', pin: '110092' },
};
const HIS: Record<string, HisRecord> = {
  same: { uhid: 'AIIMS/1001', name: 'Sunita Devi', sex: 'F', birth: { kind: 'dob', dob: '1980-03-12' }, mobile: '9876543210', address: '12 Gali 4, Laxmi Nagar, Delhi 110092' },
  namesake: { uhid: 'AIIMS/1002', name: 'SUNITA DEVI', sex: 'F', birth: { kind: 'dob', dob: '1998-07-01' }, mobile: '9811111111', address: 'Rohini, Delhi 110085' },
  initial: { uhid: 'AIIMS/1003', name: 'S. Devi', sex: 'F', birth: { kind: 'age', years: 47, months: 0, days: 0 }, ageDay: '2026-12-03' },
  sunil: { uhid: 'AIIMS/1004', name: 'Sunil Dev', sex: 'M', birth: { kind: 'dob', dob: '1980-03-12' }, mobile: '9876543210' },
  kumari: { uhid: 'AIIMS/1005', name: 'Sunita Kumari', sex: 'F', birth: { kind: 'dob', dob: '1981-01-01' } },
};

const verdicts = (c: ReturnType<typeof scoreCandidate>) => Object.fromEntries(c.evidence.map((e) => [e.field, e.verdict]));

describe('scoring HIS candidates for a downtime patient', () => {
  it('सुनीता देवी registered in Devanagari matches Sunita Devi in the HIS, with the evidence per field', () => {
    const c = scoreCandidate(SUNITA, HIS.same!);
    expect(verdicts(c)).toEqual({ name: 'match', sex: 'match', birth: 'close', mobile: 'match', address: 'match' });
    expect(c.evidence.find((e) => e.field === 'name')).toMatchObject({ detail: { matched: ['sunita', 'devi'], of: 2 } });
    expect(c.evidence.find((e) => e.field === 'birth')!.detail!.years).toBeLessThanOrEqual(1);
    // And the other way round: a Latin name at the desk, Devanagari in the HIS.
    const latin = scoreCandidate({ ...SUNITA, name: 'Sunita Devi' }, { ...HIS.same!, name: 'सुनीता देवी' });
    expect(latin.score).toBe(c.score);
  });

  it('ranks the same person first, then a namesake, and a man with her mobile far below', () => {
    const ranked = rankCandidates(SUNITA, Object.values(HIS));
    expect(ranked.map((c) => c.uhid)).toEqual(['AIIMS/1001', 'AIIMS/1003', 'AIIMS/1005', 'AIIMS/1002', 'AIIMS/1004']);
    const [same, initial, kumari, namesake, sunil] = ranked;
    expect(verdicts(initial!)).toMatchObject({ name: 'match', birth: 'close' });
    expect(verdicts(kumari!)).toMatchObject({ name: 'close' });
    expect(verdicts(namesake!)).toMatchObject({ name: 'match', birth: 'conflict', mobile: 'conflict', address: 'conflict' });
    expect(verdicts(sunil!)).toMatchObject({ name: 'conflict', sex: 'conflict', mobile: 'match' });
    expect(same!.score).toBeGreaterThan(initial!.score);
    expect(sunil!.score).toBeLessThan(0);
    expect(rankCandidates(SUNITA, Object.values(HIS), 2)).toHaveLength(2);
  });

  it('checks a UHID typed at registration instead of trusting it', () => {
    const typedRight = scoreCandidate({ ...SUNITA, uhid: 'aiims/1001' }, HIS.same!);
    expect(typedRight.evidence[0]).toEqual({ field: 'uhid', verdict: 'match', points: 50 });
    // A UHID typed wrong: the record it names scores against it, and the right person still ranks first.
    const typedWrong = { ...SUNITA, uhid: 'AIIMS/1004' };
    expect(scoreCandidate(typedWrong, HIS.sunil!).evidence[0]).toMatchObject({ field: 'uhid', verdict: 'match' });
    expect(scoreCandidate(typedWrong, HIS.same!).evidence[0]).toMatchObject({ field: 'uhid', verdict: 'conflict' });
    expect(rankCandidates(typedWrong, Object.values(HIS))[0]!.uhid).toBe('AIIMS/1001');
  });

  it('an unknown sex, a missing mobile or an alias-only patient count neither way', () => {
    const unknown = scoreCandidate({ name: undefined, sex: 'U', birth: { kind: 'age', years: 40, months: 0, days: 0 }, registeredDay: '2026-11-26' }, HIS.same!);
    expect(unknown.evidence.map((e) => [e.field, e.verdict])).toEqual([['sex', 'unknown'], ['birth', 'conflict']]);
    expect(scoreCandidate({ ...SUNITA, mobile: undefined, address: undefined }, HIS.same!).evidence.map((e) => e.field)).toEqual(['name', 'sex', 'birth']);
  });

  it('an exact date of birth on both sides is stronger evidence than an age', () => {
    const withDob = scoreCandidate({ ...SUNITA, birth: { kind: 'dob', dob: '1980-03-12' } }, HIS.same!);
    expect(withDob.evidence.find((e) => e.field === 'birth')).toMatchObject({ verdict: 'match', points: 25 });
    expect(withDob.score).toBeGreaterThan(scoreCandidate(SUNITA, HIS.same!).score);
  });
});
