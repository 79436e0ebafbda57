import { describe, expect, it } from 'vitest';
import { birthProblem } from '../../src/domain/patients/age';
import { patientFields } from '../../src/domain/patients/fields';
import { generatePatients, generateVisits, AS_OF } from '../helpers/synthetic/generate';
import { GIVEN_NAMES, SURNAMES } from '../helpers/synthetic/names';
import { PLACES } from '../helpers/synthetic/places';

const DEVANAGARI = /[\u0900-\u097F]/;
const patients = generatePatients(42, 1000);
const parsed = patients.map((p) => patientFields.parse(p));
const share = (predicate: (p: (typeof parsed)[number]) => boolean) => parsed.filter(predicate).length / parsed.length;

describe('synthetic patients', () => {
  it('are the same for the same seed and differ for another seed', () => {
    expect(generatePatients(42, 1000)).toEqual(patients);
    expect(generatePatients(43, 1000)).not.toEqual(patients);
    expect(generatePatients(42, 10)).toEqual(patients.slice(0, 10));
  });

  it('all pass the registration form\'s checks, with believable births', () => {
    expect(patients).toHaveLength(1000);
    for (const p of patients) {
      const result = patientFields.safeParse(p);
      expect(result.error, JSON.stringify(p)).toBeUndefined();
      expect(birthProblem(result.data!.birth, AS_OF)).toBeNull();
    }
    const dobs = parsed.flatMap((p) => (p.birth.kind === 'dob' ? [p.birth.dob] : []));
    expect(dobs.length).toBeGreaterThan(50);
    expect(dobs.every((d) => d < '2026-11-26')).toBe(true);
  });

  it('write about one name in five in Devanagari', () => {
    const deva = share((p) => DEVANAGARI.test(p.name!));
    expect(deva).toBeGreaterThanOrEqual(0.1);
    expect(deva).toBeLessThanOrEqual(0.3);
  });

  it('look like an OPD: mixed sexes and ages, infants, missing and shared phones, some UHIDs and ABHAs', () => {
    expect(share((p) => p.sex === 'F')).toBeGreaterThan(0.35);
    expect(share((p) => p.sex === 'M')).toBeGreaterThan(0.35);
    expect(parsed.some((p) => p.sex === 'O')).toBe(true);
    expect(parsed.some((p) => p.birth.kind === 'age' && p.birth.years === 0 && (p.birth.months > 0 || p.birth.days > 0))).toBe(true);
    expect(share((p) => p.birth.kind === 'age' && p.birth.years >= 60)).toBeGreaterThan(0.08);
    expect(share((p) => !p.mobile)).toBeGreaterThan(0.08);
    expect(share((p) => !p.mobile)).toBeLessThan(0.25);
    const mobiles = parsed.flatMap((p) => (p.mobile ? [p.mobile] : []));
    expect(new Set(mobiles).size).toBeLessThan(mobiles.length);
    expect(share((p) => /^1076\d{8}$/.test(p.uhid ?? ''))).toBeGreaterThan(0.05);
    expect(share((p) => p.abha !== undefined)).toBeGreaterThan(0.02);
    expect(parsed.some((p) => p.remarks)).toBe(true);
    expect(share((p) => p.address!.state === 'Delhi')).toBeGreaterThan(0.4);
  });

  it('give relatives that fit the patient', () => {
    for (const p of parsed) {
      const { relation, name } = p.relative!;
      expect(DEVANAGARI.test(name!)).toBe(DEVANAGARI.test(p.name!));
      if (relation === 'husband') expect(p.sex).toBe('F');
      if (relation === 'wife') expect(p.sex).toBe('M');
      if (relation === 'son' || relation === 'daughter') expect(p.birth.kind === 'dob' || p.birth.years >= 40).toBe(true);
    }
  });

  it('draw on enough names and places', () => {
    expect(GIVEN_NAMES.filter((n) => n.sex === 'M').length).toBeGreaterThanOrEqual(30);
    expect(GIVEN_NAMES.filter((n) => n.sex === 'F').length).toBeGreaterThanOrEqual(30);
    expect(SURNAMES.length).toBeGreaterThanOrEqual(40);
    for (const n of [...GIVEN_NAMES, ...SURNAMES]) {
      expect(n.latin).toMatch(/^[A-Za-z .]+$/);
      expect(n.deva).toMatch(/^[\u0900-\u097F ]+$/);
    }
    expect(PLACES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(PLACES.map((p) => p.state))).toEqual(new Set(['Delhi', 'Uttar Pradesh', 'Haryana', 'Bihar', 'Rajasthan']));
  });
});

describe('synthetic visits', () => {
  const departments = ['MED', 'SUR', 'PED', 'OBG', 'ORT', 'ENT', 'XYZ'];
  const visits = generateVisits(42, 1000, departments);

  it('send every patient to one of the departments, General Medicine most often', () => {
    expect(visits).toHaveLength(1000);
    expect(visits.every((d) => departments.includes(d))).toBe(true);
    const counts = new Map<string, number>();
    for (const d of visits) counts.set(d, (counts.get(d) ?? 0) + 1);
    const [top] = [...counts].sort((a, b) => b[1] - a[1]);
    expect(top?.[0]).toBe('MED');
    expect(counts.get('XYZ')).toBeGreaterThan(0);
  });

  it('are repeatable from the seed', () => {
    expect(generateVisits(42, 1000, departments)).toEqual(visits);
    expect(generateVisits(7, 1000, departments)).not.toEqual(visits);
  });
});
