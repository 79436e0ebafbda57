import { DeskDb } from '../../../src/device/db';
import { Desk } from '../../../src/device/desk';
import { defaultLocks } from '../../../src/device/locks';
import { openPouchLog } from '../../../src/device/pouchLog';
import { WardDesk } from '../../../src/device/wardDesk';
import { DEFAULT_DEPARTMENTS } from '../../../src/domain/device';
import type { EventType } from '../../../src/domain/events/catalog';
import { formatDowntimeId } from '../../../src/domain/ids/downtimeId';
import { localDay } from '../../../src/domain/tokens/day';
import { formatAdmissionId } from '../../../src/domain/wards/admissionId';
import { generatePatients } from '../../helpers/synthetic/generate';
import { benchRing } from './clearRing';
import { dropDevice } from './dropDevice';
import { settleAfterLoad, stats, time } from './timing';

/** Beds per ward, and how many of them the load fills: the rest take the timed admissions. */
const BEDS = 60;
const FILLED = 50;
const wardCode = (w: number) => `W${String(w + 1).padStart(3, '0')}`;

/**
 * The wards on a device holding `occupied` patients in beds (wards of 60 beds, 50 filled) and
 * `past` admissions already discharged, loaded through the real log and projector. Times what a
 * ward clerk waits for: admitting a patient (checks, IP number, stored and visible), a 60-bed
 * ward's bed board, its census rows, and the ward list of every ward (as the list read it before,
 * a board per ward, and as it reads it now, WardDesk.summaries).
 */
export async function runWardBench({ occupied, past, samples, encrypted, status }: { occupied: number; past: number; samples: number; encrypted: boolean; status: (s: string) => void }) {
  const tag = Date.now();
  const locks = defaultLocks();
  const now = () => new Date();
  const keyRing = benchRing(encrypted);
  const logName = `bench-ward-log-${tag}`;
  const desk = new Desk({ db: new DeskDb(`bench-ward-${tag}`, keyRing), keyRing, locks, now, openLog: (d) => openPouchLog(d, locks, now, keyRing, logName) });
  const admin = await desk.enroll({
    enrollment: { hospital: 'Bench Hospital', code: 'BW', departments: DEFAULT_DEPARTMENTS.map((d) => ({ ...d })), timeZone: 'Asia/Kolkata' },
    admin: { name: 'Bench Admin', pin: '482913', pinAgain: '482913' },
  });
  const wards = new WardDesk(desk);
  const { log, projector } = await desk.context();
  const wardCount = Math.max(1, Math.ceil(occupied / FILLED), Math.ceil(samples / (BEDS - FILLED)));
  const day = localDay(now(), 'Asia/Kolkata');
  const people = generatePatients(20261203, past + occupied + 2 * samples);
  const admitted = (n: number, patient: string, ward: string, bed: string) => ({
    admission: formatAdmissionId('BW', n), patient, ward, bed, source: 'opd', dept: 'MED', consultant: 'Dr Bench Consultant', diagnosis: 'Community-acquired pneumonia',
  });

  const t0 = performance.now();
  const items: Array<{ type: EventType; data: unknown }> = [];
  for (let w = 0; w < wardCount; w += 1) {
    items.push({ type: 'ward.defined', data: { ward: wardCode(w), name: `Bench ward ${w + 1}`, beds: Array.from({ length: BEDS }, (_, b) => ({ label: String(b + 1), type: 'general' })) } });
  }
  const flush = async () => {
    await log.appendMany(items.splice(0), admin.name);
  };
  let n = 0;
  for (let i = 0; i < past + occupied; i += 1) {
    const patient = formatDowntimeId('BW', i + 1);
    items.push({ type: 'patient.registered', data: { patient, fields: people[i], day } });
    n += 1;
    if (i < past) {
      const ward = wardCode(i % wardCount);
      const bed = String(1 + ((i * 7) % BEDS));
      items.push({ type: 'ward.admitted', data: admitted(n, patient, ward, bed) });
      items.push({ type: 'ward.discharged', data: { admission: formatAdmissionId('BW', n), from: { ward, bed }, outcome: 'normal' } });
    } else {
      const k = i - past;
      items.push({ type: 'ward.admitted', data: admitted(n, patient, wardCode(Math.floor(k / FILLED)), String(1 + (k % FILLED))) });
    }
    if (items.length >= 3000) {
      await flush();
      if (i % 15_000 < 1000) status(`stored ${i + 1} admissions`);
    }
  }
  for (let i = past + occupied; i < past + occupied + 2 * samples; i += 1) {
    items.push({ type: 'patient.registered', data: { patient: formatDowntimeId('BW', i + 1), fields: people[i], day } });
  }
  await flush();
  const loadMs = performance.now() - t0;
  const t1 = performance.now();
  await projector.catchUp();
  const projectMs = performance.now() - t1;
  const settle = await settleAfterLoad(projector);
  status('projected');

  // One admission at a time, a form apart (50 ms of quiet first), each into a free bed.
  const admit = await time(samples, (i) => wards.admit(admin, {
    patient: formatDowntimeId('BW', past + occupied + i + 1), ward: wardCode(i % wardCount), bed: String(FILLED + 1 + Math.floor(i / wardCount) % (BEDS - FILLED)),
    source: 'direct', dept: 'MED', consultant: 'Dr Bench Consultant', diagnosis: 'Acute appendicitis',
  }), 50);
  const board = await time(samples, (i) => wards.board(wardCode(i % wardCount)));
  const census = await time(Math.min(samples, 50), (i) => wards.census(wardCode(i % wardCount)));
  // The ward list: every ward's counts. Before: a bed board per ward (each patient opened);
  // now: WardDesk.summaries (admissions only).
  const listByBoards = await time(Math.min(samples, 20), async () => { await Promise.all((await wards.wards()).map((w) => wards.board(w.ward))); });
  const list = await time(Math.min(samples, 20), () => wards.summaries());
  // Where an admission's time goes: its log write and projecting it, timed apart (written straight
  // to the log, no checks; last, as these may share beds). The rest of an admit is its checks and IP
  // number (read inside the append lock) and the lock itself.
  const parts = { append: [] as number[], project: [] as number[] };
  let number = ((await desk.db.devices.get('BW'))?.lastAdmissionNumber ?? 0) + 1;
  for (let i = 0; i < samples; i += 1) {
    await new Promise((r) => setTimeout(r, 50));
    const t0 = performance.now();
    const written = await log.append('ward.admitted', { ...admitted(number++, formatDowntimeId('BW', past + occupied + samples + i + 1), wardCode(i % wardCount), String(BEDS - (i % (BEDS - FILLED)))), source: 'direct' }, admin.name);
    const t1 = performance.now();
    await projector.projectWritten(written);
    parts.append.push(t1 - t0);
    parts.project.push(performance.now() - t1);
  }
  const admitParts = { append: stats(parts.append), project: stats(parts.project) };
  const storage = await navigator.storage.estimate();
  const logged = await log.count();
  await dropDevice(desk, logName);
  return {
    settle,
    occupied, past, wards: wardCount, events: logged, loadMs, projectMs,
    admit, admitParts, board, census, list, listByBoards, storageUsageBytes: storage.usage ?? null,
  };
}
