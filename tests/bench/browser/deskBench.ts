import { DeskDb } from '../../../src/device/db';
import { Desk } from '../../../src/device/desk';
import { FrontDesk } from '../../../src/device/frontDesk';
import { TokenQueue } from '../../../src/device/tokenQueue';
import { defaultLocks } from '../../../src/device/locks';
import { benchRing } from './clearRing';
import { openPouchLog } from '../../../src/device/pouchLog';
import { DEFAULT_DEPARTMENTS } from '../../../src/domain/device';
import type { EventType } from '../../../src/domain/events/catalog';
import { formatDowntimeId } from '../../../src/domain/ids/downtimeId';
import { nameWords } from '../../../src/domain/patients/nameKeys';
import { localDay } from '../../../src/domain/tokens/day';
import { formatToken } from '../../../src/domain/tokens/tokenNumber';
import { dropDevice } from './dropDevice';
import { settleAfterLoad, stats, time, timeEach } from './timing';
import { generatePatients, generateVisits } from '../../helpers/synthetic/generate';

/**
 * The ward clerk's desk on a device holding `patients` synthetic patients and one token each,
 * spread over the last two weeks. Loads through the real log and projector, then times what a
 * clerk waits for: registering, each kind of search, opening the queue.
 */
const DAYS = 14;

export async function runDeskBench({ patients, samples, encrypted, status, profile }: {
  patients: number; samples: number; encrypted: boolean; status: (s: string) => void;
  /** Around the paced registrations, when the runner takes a CPU profile. */
  profile?: (what: 'start' | 'stop') => Promise<void>;
}) {
  const tag = Date.now();
  const locks = defaultLocks();
  const now = () => new Date();
  const keyRing = benchRing(encrypted);
  const logName = `bench-desk-log-${tag}`;
  const desk = new Desk({ db: new DeskDb(`bench-desk-${tag}`, keyRing), keyRing, locks, now, openLog: (d) => openPouchLog(d, locks, now, keyRing, logName) });
  const admin = await desk.enroll({
    enrollment: { hospital: 'Bench Hospital', code: 'BZ', departments: DEFAULT_DEPARTMENTS.map((d) => ({ ...d })), timeZone: 'Asia/Kolkata' },
    admin: { name: 'Bench Admin', pin: '482913', pinAgain: '482913' },
  });
  const front = new FrontDesk(desk);
  const tokenQueue = new TokenQueue(desk);
  const { log, projector } = await desk.context();

  const people = generatePatients(20261126, patients + 2 * samples);
  const depts = generateVisits(20261126, patients, DEFAULT_DEPARTMENTS.map((d) => d.code));
  const today = localDay(now(), 'Asia/Kolkata');
  const dayOf = (i: number) => localDay(new Date(Date.now() - (DAYS - 1 - (i % DAYS)) * 86_400_000), 'Asia/Kolkata');
  const counters = new Map<string, number>();

  const t0 = performance.now();
  const BATCH = 2000;
  for (let start = 0; start < patients; start += BATCH) {
    const items: Array<{ type: EventType; data: unknown }> = [];
    for (let i = start; i < Math.min(patients, start + BATCH); i += 1) {
      const patient = formatDowntimeId('BZ', i + 1);
      const day = dayOf(i);
      items.push({ type: 'patient.registered', data: { patient, fields: people[i], day } });
      const key = `${depts[i]}/${day}`;
      const number = (counters.get(key) ?? 0) + 1;
      counters.set(key, number);
      items.push({ type: 'token.issued', data: { token: formatToken(depts[i]!, 'BZ', number), patient, dept: depts[i], day, number } });
    }
    await log.appendMany(items, admin.name);
    if (start % 20_000 === 0) status(`stored ${start + items.length / 2} patients`);
  }
  const loadMs = performance.now() - t0;
  const newcomers = people.slice(patients);
  const returning = people.slice(0, samples);
  people.length = 0;
  const t1 = performance.now();
  await projector.catchUp();
  const projectMs = performance.now() - t1;
  status('projected');

  const settle = await settleAfterLoad(projector);
  // Only the rows the samples use: holding all 200,000 in the page would slow every GC in the timings.
  const keys = await desk.db.patients.toCollection().primaryKeys();
  const picked = await desk.db.patients.bulkGet(Array.from({ length: samples }, (_, i) => keys[(i * 7919) % keys.length]!));
  const pick = (i: number) => picked[i % picked.length]!;
  const some = (index: 'mobile' | 'uhid' | 'abha') => desk.db.patients.orderBy(index).limit(2000).toArray();
  const [withMobile, withUhid, withAbha] = await Promise.all([some('mobile'), some('uhid'), some('abha')]);
  const tokensToday = await desk.db.tokens.where('[dept+day]').equals(['MED', today]).toArray();

  // A clerk registers one patient at a time, a form apart: each registration is timed after
  // 50 ms of quiet, so what the previous one left running (index writes, collection) settles as
  // it would at a desk. Back to back, as a bulk import would, for comparison.
  await profile?.('start');
  const register = await time(samples, (i) => front.register(admin, newcomers[i]), 50);
  await profile?.('stop');
  const registerBackToBack = await time(samples, (i) => front.register(admin, newcomers[samples + i]));
  // Where a registration's time goes: the same steps one by one (validation, the log write, projecting it).
  const parts = { validate: [] as number[], append: [] as number[], project: [] as number[] };
  let next = ((await desk.db.devices.get('BZ'))?.lastPatientNumber ?? 0) + 1;
  for (let i = 0; i < samples; i += 1) {
    const t0 = performance.now();
    const fields = await front.checkFields(newcomers[i]);
    const t1 = performance.now();
    const written = await log.append('patient.registered', { patient: formatDowntimeId('BZ', next++), fields, day: today }, admin.name);
    const t2 = performance.now();
    await projector.projectWritten(written);
    parts.validate.push(t1 - t0);
    parts.append.push(t2 - t1);
    parts.project.push(performance.now() - t2);
  }
  const registerParts = { validate: stats(parts.validate), append: stats(parts.append), project: stats(parts.project) };
  const prefixQuery = (i: number) => nameWords(pick(i).name).map((w) => [...w].slice(0, 3).join('')).join(' ');
  const prefixTimes = await timeEach(samples, (i) => front.search(prefixQuery(i)));
  // The tail's queries, for whoever tunes the name search next.
  const slowNames = [...prefixTimes].sort((a, b) => b.ms - a.ms).slice(0, 5).map((t) => ({ query: prefixQuery(t.i), ms: t.ms }));
  const search = {
    downtimeId: await time(samples, (i) => front.search(pick(i).patient)),
    mobile: await time(samples, (i) => front.search(withMobile[(i * 31) % withMobile.length]!.mobile!)),
    uhid: await time(samples, (i) => front.search(withUhid[(i * 31) % withUhid.length]!.uhid!)),
    abha: await time(samples, (i) => front.search(withAbha[(i * 31) % withAbha.length]!.abha!)),
    token: await time(samples, (i) => front.search(tokensToday[i % tokensToday.length]!.token)),
    namePrefix: stats(prefixTimes.map((t) => t.ms)),
    nameWithAgeSex: await time(samples, (i) => front.search(nameWords(pick(i).name)[0]!, { sex: pick(i).sex, ageMin: 20, ageMax: 60 })),
  };
  const duplicates = await time(samples, (i) => front.duplicates(returning[i]! as never));
  const queue = await time(Math.min(samples, 50), () => tokenQueue.queue('MED'));
  const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? null;
  const storage = await navigator.storage.estimate();
  const logged = await log.count();
  await dropDevice(desk, logName);
  return {
    settle,
    patients, events: logged, loadMs, projectMs, medTokensToday: tokensToday.length,
    register, registerBackToBack, registerParts, search, slowNames, duplicates, queue,
    jsHeapBytes: memory, storageUsageBytes: storage.usage ?? null,
  };
}
