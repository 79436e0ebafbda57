import type { WardCensusData, WardDesk } from '../../device/wardDesk';
import type { CensusData } from '../../print/WardCensus';
import { RuleError } from '../../domain/errors';
import { ageLabel } from '../../domain/patients/age';
import { hospitalDateTime } from '../../domain/time/hospitalClock';

/**
 * Print the ward's census as it stands now. The print module loads on first use. Names print as
 * recorded (an alias in English: a census is read by staff and police alike), sex as its letter.
 */
export async function printCensus(wards: WardDesk, ward: string): Promise<void> {
  const census = await wards.census(ward);
  if (!census) throw new RuleError('wardNotFound');
  const { printWardCensus } = await import('../../print/printWards');
  await printWardCensus(censusSheet(census));
}

/** The census as the sheet prints it: times in the hospital's zone, each patient's other beds named. */
export function censusSheet(census: WardCensusData): CensusData {
  return {
    hospital: census.hospital,
    ward: census.ward.ward,
    wardName: census.ward.name,
    wardNameHi: census.ward.nameHi,
    asOf: hospitalDateTime(census.asOf, census.timeZone),
    device: census.device,
    lines: census.rows.map(({ bed, admission: a, conflict, elsewhere }) => ({
      bed,
      patientName: a.person?.name ?? a.patient,
      patient: a.patient,
      admission: a.admission,
      ageSex: a.person ? `${ageLabel({ kind: 'dob', dob: a.person.born }, a.person.registeredDay, census.today)} / ${a.person.sex}` : '',
      admittedOn: hospitalDateTime(a.admittedAt, census.timeZone),
      consultant: a.consultant,
      dept: a.dept,
      diagnosis: a.diagnosis,
      mlc: Boolean(a.mlc),
      conflict,
      alsoIn: elsewhere.map(({ ward: w, bed: b, admission }) => ({ ward: w, bed: b, admission })),
    })),
  };
}
