import type { TFunction } from 'i18next';
import type { SessionUser } from '../../device/desk';
import type { DeviceIdentity } from '../../device/identity';
import type { LabDesk, RequestView } from '../../device/labDesk';
import type { LabelPaper } from '../../domain/lab/paper';
import type { PrinterDpi } from '../../domain/printer';
import { ageLabel } from '../../domain/patients/age';
import { hospitalDateTime } from '../../domain/time/hospitalClock';
import { ageSex } from './labText';

interface PrintArgs {
  lab: LabDesk;
  actor: SessionUser;
  identity: DeviceIdentity;
  view: RequestView;
  today: string;
  t: TFunction;
  /** The device's printer resolution (This device): barcodes are drawn in its whole dots. */
  dpi: PrinterDpi;
}

/**
 * Record each label's print as an event first (so a reprint is numbered and says so), then print
 * them in one job. The print module loads on first use: it carries the barcode encoder.
 */
export async function printSpecimenLabels(args: PrintArgs & { paper: LabelPaper; specimens?: readonly string[] }): Promise<void> {
  const { lab, actor, identity, view, today, paper, dpi } = args;
  const { request, patient } = view;
  const chosen = view.specimens.filter((s) => !args.specimens || args.specimens.includes(s.specimen));
  const labels = [];
  for (const s of chosen) {
    const copy = await lab.recordLabelPrint(actor, s.specimen, paper);
    labels.push({
      specimen: s.specimen,
      patientName: patient?.name ?? request.patient,
      // M/F/O whatever the screen's language: a label has room for a letter, and the lab reads it.
      ageSex: patient ? `${ageLabel({ kind: 'dob', dob: patient.born }, patient.registeredDay, today)} / ${patient.sex}` : '',
      patientRef: patient?.uhid ? `UHID ${patient.uhid}` : request.patient,
      container: s.container,
      tests: s.tests,
      when: hospitalDateTime(request.requestedAt, identity.timeZone, { zone: false }),
      priority: request.priority,
      copy,
    });
  }
  const { printLabels } = await import('../../print/printLab');
  await printLabels(labels, paper, dpi);
}

export async function printRequisitionSlip(args: PrintArgs): Promise<void> {
  const { lab, actor, identity, view, today, t, dpi } = args;
  const { request, patient, catalogue } = view;
  const copy = await lab.recordSlipPrint(actor, request.request);
  const names = new Map(catalogue?.tests.map((x) => [x.code, x.name]));
  const dept = identity.departments.find((d) => d.code === request.dept);
  const { printRequisition } = await import('../../print/printLab');
  await printRequisition({
    hospital: identity.hospital,
    request: request.request,
    patientName: patient?.name ?? request.patient,
    ageSex: patient ? ageSex(patient, today, t) : '',
    patient: request.patient,
    uhid: patient?.uhid,
    priority: request.priority,
    dept: dept ? `${dept.code} · ${dept.name}` : request.dept,
    clinician: request.clinician,
    notes: request.notes,
    location: request.location,
    requestedAt: hospitalDateTime(request.requestedAt, identity.timeZone),
    requestedBy: request.requestedBy,
    device: request.device,
    catalogueVersion: request.catalogueVersion,
    specimens: view.specimens.map((s) => ({
      specimen: s.specimen, container: s.container, tests: s.tests.map((code) => ({ code, name: names.get(code) ?? '' })),
    })),
    copy,
  }, dpi);
}
