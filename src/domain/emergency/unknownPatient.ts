import * as z from 'zod/mini';
import { preprocess } from '../preprocess';
import { SEXES } from '../patients/fields';
import { arrivalFields } from './events';

/**
 * What the emergency desk asks for an unknown patient, in one form: sex (or not known), an
 * estimated age, how they came, who brought them, the MLC details and the complaint. The alias
 * and the downtime ID are numbered by the device.
 */
export const unknownPatient = z.extend(arrivalFields, {
  sex: z.enum(SEXES, { error: (iss) => (iss.input === undefined || iss.input === '' ? 'required' : 'sex') }),
  years: preprocess((v) => (v === undefined || (typeof v === 'string' && v.trim() === '') ? undefined : Number(v)),
    z.number({ error: (iss) => (iss.input === undefined ? 'required' : 'number') }).check(z.int('number'), z.gte(0, 'ageRange'), z.lte(125, 'ageRange'))),
});
export type UnknownPatientInput = z.input<typeof unknownPatient>;
