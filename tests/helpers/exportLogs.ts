import { buildEvent, type AnyEvent, type ChainHead } from '../../src/domain/events/envelope';
import type { EventType } from '../../src/domain/events/catalog';
import { ExportMapper, type Change } from '../../src/domain/export/mapper';
import { DEFAULT_SYSTEMS } from '../../src/domain/export/systems';
import { formatDowntimeId } from '../../src/domain/ids/downtimeId';
import { formatSpecimenId } from '../../src/domain/ids/specimenId';
import { DEFAULT_CATALOGUE } from '../../src/domain/lab/defaultCatalogue';
import { formatRequestId } from '../../src/domain/lab/requestId';
import type { Analyte } from '../../src/domain/lab/results/analytes';

/**
 * Small hand-made logs for the export's tests: one clock for every device (a minute a step),
 * each device's events chained and hashed as the app writes them.
 */
export function chainedLog(start = '2026-11-25T04:00:00Z') {
  const heads = new Map<string, ChainHead | null>();
  let clock = Date.parse(start);
  const events: AnyEvent[] = [];
  const add = (device: string, type: EventType, data: unknown, by = 'Clerk Asha'): AnyEvent => {
    clock += 60_000;
    const e = buildEvent({ type, data, device, head: heads.get(device) ?? null, at: new Date(clock).toISOString(), by } as never) as AnyEvent;
    heads.set(device, { seq: e.seq, hash: e.hash });
    events.push(e);
    return e;
  };
  return { events, add, now: () => new Date(clock).toISOString() };
}

/** Haemoglobin as a lab reporting it in mmol/L publishes it: another unit, LOINC code and ranges than BASE-1's. */
export const HB_MMOL: Analyte = {
  code: 'HB', name: 'Haemoglobin', nameHi: 'हीमोग्लोबिन', kind: 'number', unit: 'mmol/L', decimals: 1, min: 0.5, max: 16, loinc: '59260-0',
  ranges: [
    { band: 'adult', sex: 'M', low: 8.1, high: 10.6 }, { band: 'adult', sex: 'F', low: 7.4, high: 9.3 },
    { band: 'child', low: 6.8, high: 9 }, { band: 'newborn', low: 8.7, high: 13.7 },
  ],
  criticalLow: 4.3, criticalHigh: 12.4,
};

/** A log that registers one adult man on `desk`; `hb` orders, collects and enters a haemoglobin for him. */
export function resultLog(desk = 'K7', start?: string) {
  const log = chainedLog(start);
  const patient = formatDowntimeId(desk, 1);
  const requests = new Map<string, number>();
  /** A haemoglobin entered with analyte `version` on tablet `lab`; its specimen and entry. */
  const hb = (version: string, value: number, lab = 'L1') => {
    const n = (requests.get(lab) ?? 0) + 1;
    requests.set(lab, n);
    const specimen = formatSpecimenId(lab, n);
    log.add(lab, 'lab.requested', {
      request: formatRequestId(lab, n), patient, catalogueVersion: DEFAULT_CATALOGUE.version, tests: ['HB'], priority: 'routine',
      dept: 'MED', clinician: 'Dr. Rao', specimens: [{ specimen, container: 'EDTA', sample: 'wholeBlood', tests: ['HB'] }],
    }, 'Tech Imran');
    log.add(lab, 'specimen.collected', { specimens: [specimen], collectedAt: log.now(), collectedBy: 'Sister Mary' }, 'Tech Imran');
    const entered = log.add(lab, 'result.entered', { specimen, analyteVersion: version, values: [{ test: 'HB', analyte: 'HB', value }] }, 'Tech Imran');
    return { specimen, request: formatRequestId(lab, n), entered };
  };
  log.add(desk, 'patient.registered', { patient, day: start?.slice(0, 10) ?? '2026-11-25', fields: { name: 'Ravi Kumar', sex: 'M', birth: { kind: 'age', years: 40, months: 0, days: 0 } } });
  return { ...log, patient, hb };
}

/** Every change in order (no batching), so each step's resources can be seen. */
export function exportSteps(events: readonly AnyEvent[]) {
  const mapper = new ExportMapper(DEFAULT_SYSTEMS);
  const changes: Change[] = [];
  for (const e of events) changes.push(...mapper.take(e));
  changes.push(...mapper.finish());
  return { mapper, changes };
}
