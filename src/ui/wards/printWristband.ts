import type { SessionUser } from '../../device/desk';
import type { WardDesk } from '../../device/wardDesk';
import type { PrinterDpi } from '../../domain/printer';
import { RuleError } from '../../domain/errors';
import { ageLabel } from '../../domain/patients/age';
import { hospitalDate } from '../../domain/time/hospitalClock';
import { localDay } from '../../domain/tokens/day';

/**
 * Record the wristband's print (so a reprint is numbered), then print it. Sex as its letter and
 * the name as recorded (an alias in English): a band is read at the bedside by anyone.
 */
export async function printWristbandFor(args: {
  wards: WardDesk; actor: SessionUser; admission: string; hospital: string; timeZone: string; dpi: PrinterDpi; now: Date;
}): Promise<void> {
  const entry = await args.wards.admission(args.admission);
  if (!entry) throw new RuleError('admissionNotFound');
  const { admission: a, patient: p } = entry;
  const copy = await args.wards.recordWristbandPrint(args.actor, a.admission);
  const { printWristband } = await import('../../print/printWards');
  await printWristband({
    hospital: args.hospital,
    patientName: p?.name ?? a.patient,
    ageSex: p ? `${ageLabel({ kind: 'dob', dob: p.born }, p.registeredDay, localDay(args.now, args.timeZone))} / ${p.sex}` : '',
    admission: a.admission,
    patient: a.patient,
    admittedOn: hospitalDate(a.admittedAt, args.timeZone),
    copy,
  }, args.dpi);
}
