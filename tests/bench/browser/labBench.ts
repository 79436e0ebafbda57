import { createElement } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { DeskDb } from '../../../src/device/db';
import { Desk } from '../../../src/device/desk';
import { LabDesk } from '../../../src/device/labDesk';
import { defaultLocks } from '../../../src/device/locks';
import { benchRing } from './clearRing';
import { openPouchLog } from '../../../src/device/pouchLog';
import { DEFAULT_DEPARTMENTS } from '../../../src/domain/device';
import type { EventType } from '../../../src/domain/events/catalog';
import { formatDowntimeId } from '../../../src/domain/ids/downtimeId';
import { formatSpecimenId } from '../../../src/domain/ids/specimenId';
import { DEFAULT_CATALOGUE } from '../../../src/domain/lab/defaultCatalogue';
import { groupSpecimens } from '../../../src/domain/lab/grouping';
import { formatRequestId } from '../../../src/domain/lab/requestId';
import { resolveTests, type Priority } from '../../../src/domain/lab/requisition';
import { SpecimenLabel } from '../../../src/print/SpecimenLabel';
import { generatePatients, generateVisits } from '../../helpers/synthetic/generate';
import { enteredEvent, runResultBench } from './resultBench';
import { dropDevice } from './dropDevice';
import { settleAfterLoad, time } from './timing';
import { mulberry32, pick, weighted } from '../../helpers/synthetic/random';

/**
 * A lab tablet after two weeks of a large hospital's downtime: `specimens` tubes (three per
 * requisition), almost all reported, the last day's still in progress. Loaded through the real
 * log and projector, then timed: opening the worklist, a scanned specimen ID, one label, and the
 * result desk (resultBench.ts).
 */
const DAYS = 14;
const PATIENTS = 50_000;
const REQUESTS_PER_BATCH = 1000;
/** A phlebotomy round or a rack: moves are recorded for many tubes at once. */
const COLLECT_GROUP = 60;
const RACK = 150;

/** Common orders by the container they fill; a requisition takes three different containers. */
export const ORDER_SETS: readonly (readonly string[][])[] = [
  [['CBC'], ['CBC', 'ESR'], ['CBC', 'HBA1C']],
  [['LFT', 'KFT'], ['TFT'], ['HIV', 'HBSAG', 'HCV'], ['CRP', 'ELEC']],
  [['PT', 'APTT']],
  [['RBS']],
  [['URM']],
  [['UCS']],
];

/** One requisition as a ward orders it: three different containers' tests, grouped into tubes. */
export function pickOrder(random: () => number) {
  const containers = new Set<readonly string[][]>();
  while (containers.size < 3) containers.add(pick(random, ORDER_SETS));
  const codes = [...containers].flatMap((sets) => pick(random, sets));
  const resolved = resolveTests(codes, DEFAULT_CATALOGUE);
  if (!resolved.ok) throw new Error(`bench order set: ${resolved.unknown.join()}`);
  return { codes, groups: groupSpecimens(resolved.tests) };
}


export async function runLabBench({ specimens, samples, encrypted, status }: { specimens: number; samples: number; encrypted: boolean; status: (s: string) => void }) {
  const tag = Date.now();
  const locks = defaultLocks();
  // The clock walks through the two weeks while loading, so requests carry realistic times.
  const realNow = Date.now();
  let clock = realNow - DAYS * 86_400_000;
  const now = () => new Date(clock);
  const keyRing = benchRing(encrypted);
  const logName = `bench-lab-log-${tag}`;
  const desk = new Desk({ db: new DeskDb(`bench-lab-${tag}`, keyRing), keyRing, locks, now, openLog: (d) => openPouchLog(d, locks, now, keyRing, logName) });
  const admin = await desk.enroll({
    enrollment: { hospital: 'Bench Hospital', code: 'LB', departments: DEFAULT_DEPARTMENTS.map((d) => ({ ...d })), timeZone: 'Asia/Kolkata' },
    admin: { name: 'Bench Admin', pin: '482913', pinAgain: '482913' },
  });
  const tech = { name: 'Bench Tech', role: 'lab' as const };
  const lab = new LabDesk(desk);
  const { log, projector } = await desk.context();
  const random = mulberry32(20261126);

  const t0 = performance.now();
  const people = generatePatients(20261126, PATIENTS);
  for (let start = 0; start < PATIENTS; start += 5000) {
    const items = people.slice(start, start + 5000).map((fields, i) => ({
      type: 'patient.registered' as const, data: { patient: formatDowntimeId('LB', start + i + 1), fields, day: '2026-11-12' },
    }));
    await log.appendMany(items, admin.name);
  }
  status('patients stored');

  const requests = Math.ceil(specimens / 3);
  const depts = generateVisits(7, requests, DEFAULT_DEPARTMENTS.map((d) => d.code));
  const batches = Math.ceil(requests / REQUESTS_PER_BATCH);
  const step = (DAYS * 86_400_000) / batches;
  let specimenNo = 0;
  let events = 0;
  let released = 0;
  for (let b = 0; b < batches; b += 1) {
    clock = realNow - DAYS * 86_400_000 + b * step;
    const requested: Array<{ type: EventType; data: unknown }> = [];
    const tubes: string[] = [];
    const tubeTests: string[][] = [];
    for (let r = b * REQUESTS_PER_BATCH; r < Math.min(requests, (b + 1) * REQUESTS_PER_BATCH); r += 1) {
      const { codes, groups } = pickOrder(random);
      const priority = weighted<Priority>(random, [['routine', 80], ['urgent', 15], ['stat', 5]]);
      const ids = groups.map(() => formatSpecimenId('LB', ++specimenNo));
      tubes.push(...ids);
      tubeTests.push(...groups.map((g) => g.tests));
      requested.push({
        type: 'lab.requested',
        data: {
          request: formatRequestId('LB', r + 1), patient: formatDowntimeId('LB', 1 + Math.floor(random() * PATIENTS)),
          catalogueVersion: DEFAULT_CATALOGUE.version, tests: codes, priority, dept: depts[r], clinician: 'Dr. Bench',
          specimens: groups.map((g, i) => ({ specimen: ids[i], ...g })),
        },
      });
    }
    await log.appendMany(requested, tech.name);
    events += requested.length;
    // Older requests went all the way; the last day's are spread over the steps.
    const recent = b >= batches - Math.max(1, Math.round(batches / DAYS));
    const stage = (i: number) => (recent ? i % 10 : 9);
    const moves: Array<{ type: EventType; data: unknown }> = [];
    const group = (list: string[], size: number, make: (chunk: string[]) => unknown, type: EventType) => {
      for (let i = 0; i < list.length; i += size) moves.push({ type, data: make(list.slice(i, i + size)) });
    };
    const stages = tubes.map((_, i) => stage(i));
    const collected = tubes.filter((_, i) => stages[i]! >= 4);
    const received = tubes.filter((_, i) => stages[i]! >= 7);
    const rejected = new Set(recent ? [] : received.filter((_, i) => i % 50 === 0));
    const reported = tubes.filter((s, i) => stages[i]! >= 9 && !rejected.has(s));
    const at = new Date(clock + 30 * 60_000).toISOString();
    group(collected, COLLECT_GROUP, (chunk) => ({ specimens: chunk, collectedAt: at, collectedBy: 'Sister Bench' }), 'specimen.collected');
    group(received, RACK, (chunk) => ({ specimens: chunk }), 'specimen.received');
    for (const s of rejected) moves.push({ type: 'specimen.rejected', data: { specimen: s, reason: 'haemolysed' } });
    group(reported, RACK, (chunk) => ({ specimens: chunk }), 'specimen.reported');
    clock += 60 * 60_000;
    await log.appendMany(moves, tech.name);
    events += moves.length;
    // A third of the reported CBC tubes were released through result entry, so patients have
    // earlier results for the cumulative view (the rest were reported with the older note).
    const withResults = tubes.flatMap((s, i) => (i % 3 === 0 && tubeTests[i]!.includes('CBC') && stages[i]! >= 9 && !rejected.has(s) ? [i] : []));
    if (withResults.length) {
      const entered = await log.appendMany(withResults.map((i) => enteredEvent(tubes[i]!, tubeTests[i]!)), tech.name);
      await log.appendMany(entered.map((e) => ({ type: 'result.verified' as const, data: { specimen: (e.data as { specimen: string }).specimen, version: e._id } })), 'Dr. Bench Pathologist');
      events += entered.length * 2;
      released += entered.length;
    }
    if (b % 20 === 0) status(`stored ${specimenNo} specimens`);
  }
  clock = realNow;
  const loadMs = performance.now() - t0;
  const t1 = performance.now();
  await projector.catchUp();
  const projectMs = performance.now() - t1;
  status('projected');
  const settle = await settleAfterLoad(projector);
  const stored = await desk.db.specimens.count();

  const countOf = (st: string) => desk.db.specimens.where('[status+requestedAt]').between([st, ''], [st, '\uffff']).count();
  const byStatus = Object.fromEntries(await Promise.all(['requested', 'collected', 'received', 'reported', 'rejected'].map(async (st) => [st, await countOf(st)])));
  const openWorklist = {
    pending: await time(50, () => lab.worklist()),
    stat: await time(50, () => lab.worklist({ priority: 'stat' })),
    deptAndContainer: await time(50, () => lab.worklist({ dept: 'PED', container: 'CITR' })),
    reported: await time(50, () => lab.worklist({ status: 'reported' })),
  };
  const ids = Array.from({ length: samples }, (_, i) => formatSpecimenId('LB', 1 + ((i * 7919 + 13) % specimenNo)));
  const lookup = await time(samples, (i) => lab.lookup(ids[i]!));
  const openScanned = await time(samples, async (i) => {
    const found = await lab.lookup(ids[i]!);
    if (found.kind === 'found') await lab.requestView(found.specimen.request);
  });

  // A label rendered into a node outside the page, barcode and all, as the print job does.
  const label = (i: number) => ({
    specimen: ids[i % ids.length]!, patientName: 'सीमा देवी', ageSex: '45 y / F', patientRef: 'DT-LB-000123-4', container: 'EDTA' as const,
    tests: ['CBC', 'ESR', 'HBA1C'], when: '2026-11-26 10:42', priority: 'stat' as const, copy: 1,
  });
  const renderLabel = await time(Math.min(samples, 200), (i) => {
    const node = document.createElement('div');
    const root = createRoot(node);
    flushSync(() => root.render(createElement(SpecimenLabel, { label: label(i), paper: '50x25', dpi: 203 })));
    if (!node.querySelector('svg[data-barcode] rect')) throw new Error('label rendered without its barcode');
    root.unmount();
  });
  const request = await time(Math.min(samples, 50), () => lab.request(tech, {
    patient: formatDowntimeId('LB', 1), tests: ['CBC', 'LFT', 'URM'], priority: 'routine', dept: 'MED', clinician: 'Dr. Bench',
  }));

  status('result bench');
  const results = await runResultBench({ desk, lab, samples, patients: PATIENTS, status });

  const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? null;
  const storage = await navigator.storage.estimate();
  const logged = await log.count();
  await dropDevice(desk, logName);
  return {
    settle,
    specimens: stored, requests, events: logged, labEvents: events, loadMs, projectMs, byStatus,
    openWorklist, lookup, openScanned, renderLabel, request, releasedLoaded: released, results,
    jsHeapBytes: memory, storageUsageBytes: storage.usage ?? null,
  };
}
