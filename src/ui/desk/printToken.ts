import type { TFunction } from 'i18next';
import type { FrontDesk } from '../../device/frontDesk';
import type { DeviceIdentity, Paper } from '../../device/identity';
import type { PrinterDpi } from '../../domain/printer';
import type { SessionUser } from '../../device/desk';
import { ageLabel } from '../../domain/patients/age';
import type { PatientRow, TokenRow } from '../../domain/projections/rows';
import { hospitalDateTime } from '../../domain/time/hospitalClock';

/**
 * Record the print as an event first (so a reprint is numbered and marked), then print. The
 * print module loads on first use: it carries the barcode encoder.
 */
export async function printToken(args: {
  front: FrontDesk; actor: SessionUser; identity: DeviceIdentity; paper: Paper; dpi: PrinterDpi; token: TokenRow; patient: PatientRow; today: string; t: TFunction;
}): Promise<number> {
  const { front, actor, identity, paper, dpi, token, patient, today, t } = args;
  const copy = await front.recordPrint(actor, token.id, paper);
  const dept = identity.departments.find((d) => d.code === token.dept);
  const { printSlip } = await import('../../print/printSlip');
  await printSlip({
    hospital: identity.hospital,
    token: token.token,
    deptName: dept?.name ?? token.dept,
    deptNameHi: dept?.nameHi ?? token.dept,
    doctor: token.doctor,
    room: token.room,
    patientName: patient.name,
    ageSex: `${ageLabel({ kind: 'dob', dob: patient.born }, patient.registeredDay, today)} / ${t(`patient.sex${patient.sex}`)}`,
    patient: patient.patient,
    uhid: patient.uhid,
    issuedAt: hospitalDateTime(token.issuedAt, identity.timeZone),
    device: token.device,
    copy,
  }, paper, dpi);
  return copy;
}
