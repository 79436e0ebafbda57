import { RuleError } from '../domain/errors';
import { boardOrder } from '../domain/emergency/board';
import { arrivalFields, dispositionFields, triageFields } from '../domain/emergency/events';
import { unknownPatient } from '../domain/emergency/unknownPatient';
import { formatVisitId } from '../domain/emergency/visitId';
import { formatDowntimeId } from '../domain/ids/downtimeId';
import { unknownAlias } from '../domain/patients/alias';
import type { EmergencyVisitRow } from '../domain/projections/emergencyRows';
import type { PatientRow } from '../domain/projections/rows';
import { localDay } from '../domain/tokens/day';
import { parseWith } from '../domain/validation';
import type * as z from 'zod/mini';
import type { Desk, SessionUser } from './desk';

const DESK_ROLES = new Set(['clerk', 'admin']);

export interface BoardEntry {
  visit: EmergencyVisitRow;
  patient: PatientRow | undefined;
}

/**
 * The emergency department's use-cases (issue 14): an unknown patient in one action, arrival of
 * a registered patient, triage, disposition, and the device's live board.
 */
export class EmergencyDesk {
  constructor(private readonly desk: Desk) {}

  private get db() {
    return this.desk.db;
  }

  /**
   * Registers a patient nobody can name, with an alias numbered by this device, and their
   * arrival. Both numbers are worked out inside the append lock, as downtime IDs are.
   */
  async registerUnknown(actor: SessionUser, input: unknown): Promise<{ patient: PatientRow; visit: EmergencyVisitRow }> {
    if (!DESK_ROLES.has(actor.role)) throw new RuleError('roleNotAllowed');
    const { sex, years, ...arrival } = parseWith(unknownPatient, input, 'emergency');
    const { identity, projector } = await this.desk.context();
    let patient = '';
    const recorded = await projector.record('patient.registered', async () => {
      const row = await this.db.devices.get(identity.code);
      patient = formatDowntimeId(identity.code, (row?.lastPatientNumber ?? 0) + 1);
      const alias = unknownAlias(sex, identity.code, (row?.lastAliasNumber ?? 0) + 1);
      return {
        patient, day: localDay(this.desk.now(), identity.timeZone),
        fields: { alias, sex, birth: { kind: 'age', years, months: 0, days: 0, estimated: true } },
      };
    }, actor.name);
    const row = (await projector.rowAfter(recorded, 'patients', patient))!;
    return { patient: row, visit: await this.record(actor, patient, arrival) };
  }

  /**
   * A registered patient arrives in the emergency department. Not while a visit of theirs is
   * still open (on this device or pulled from another): that visit is triaged or disposed of
   * first, so the board never shows one patient twice.
   */
  async arrive(actor: SessionUser, patient: string, input: unknown): Promise<EmergencyVisitRow> {
    if (!DESK_ROLES.has(actor.role)) throw new RuleError('roleNotAllowed');
    const arrival = parseWith(arrivalFields, input, 'emergency');
    if (!(await this.db.patients.get(patient))) throw new RuleError('patientNotFound');
    return this.record(actor, patient, arrival, true);
  }

  /** The patient's open emergency visit, if any. */
  private async openVisitOf(patient: string): Promise<EmergencyVisitRow | undefined> {
    return (await this.db.emergencyVisits.where('patient').equals(patient).toArray()).find((v) => v.status === 'open');
  }

  private async record(actor: SessionUser, patient: string, arrival: z.output<typeof arrivalFields>, known = false): Promise<EmergencyVisitRow> {
    const { identity, projector } = await this.desk.context();
    let visit = '';
    const recorded = await projector.record('emergency.arrived', async () => {
      // Inside the append lock: two tabs cannot both open a visit for the patient.
      const open = known ? await this.openVisitOf(patient) : undefined;
      if (open) throw new RuleError('visitAlreadyOpen', { visit: open.visit });
      const row = await this.db.devices.get(identity.code);
      visit = formatVisitId(identity.code, (row?.lastVisitNumber ?? 0) + 1);
      return { visit, patient, ...arrival };
    }, actor.name);
    return (await projector.rowAfter(recorded, 'emergencyVisits', visit))!;
  }

  /** Triage (again, if the patient's state changes) while the visit is open. */
  async triage(actor: SessionUser, visit: string, input: unknown): Promise<EmergencyVisitRow> {
    if (!DESK_ROLES.has(actor.role)) throw new RuleError('roleNotAllowed');
    return this.recordOnOpenVisit(actor, visit, 'emergency.triaged', parseWith(triageFields, input, 'triage'));
  }

  /** How the visit ends: it leaves the board. */
  async dispose(actor: SessionUser, visit: string, input: unknown): Promise<EmergencyVisitRow> {
    if (!DESK_ROLES.has(actor.role)) throw new RuleError('roleNotAllowed');
    return this.recordOnOpenVisit(actor, visit, 'emergency.disposed', parseWith(dispositionFields, input, 'disposition'));
  }

  private async recordOnOpenVisit(actor: SessionUser, visit: string, type: 'emergency.triaged' | 'emergency.disposed', fields: object): Promise<EmergencyVisitRow> {
    await this.openVisit(visit);
    const { projector } = await this.desk.context();
    const recorded = await projector.record(type, { visit, ...fields }, actor.name);
    return (await projector.rowAfter(recorded, 'emergencyVisits', visit))!;
  }

  private async openVisit(visit: string): Promise<EmergencyVisitRow> {
    const row = await this.db.emergencyVisits.get(visit);
    if (!row) throw new RuleError('visitNotFound');
    if (row.status !== 'open') throw new RuleError('visitClosed');
    return row;
  }

  /**
   * The board: every open visit this device recorded, red first, then by waiting time
   * (boardOrder). Visits pulled from other tablets (the administrator's device) stay off it: their
   * dispositions reach this device only at the next pull.
   */
  async board(): Promise<BoardEntry[]> {
    const code = (await this.desk.identity())?.code;
    const open = boardOrder((await this.db.emergencyVisits.where('status').equals('open').toArray()).filter((v) => v.device === code));
    const patients = await this.db.patients.bulkGet([...new Set(open.map((v) => v.patient))]);
    const byId = new Map(patients.filter((p): p is PatientRow => Boolean(p)).map((p) => [p.patient, p]));
    return open.map((visit) => ({ visit, patient: byId.get(visit.patient) }));
  }

  async visit(id: string): Promise<BoardEntry | null> {
    const visit = await this.db.emergencyVisits.get(id);
    return visit ? { visit, patient: await this.db.patients.get(visit.patient) } : null;
  }
}
