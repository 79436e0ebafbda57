import { generateBackupKey } from '../../../src/crypto/bundleSeal';
import { BackupDesk } from '../../../src/device/backupDesk';
import { DeskDb } from '../../../src/device/db';
import { Desk } from '../../../src/device/desk';
import { defaultLocks } from '../../../src/device/locks';
import { openPouchLog } from '../../../src/device/pouchLog';
import { backupKeyText } from '../../../src/domain/backup/publicKeyText';
import { DEFAULT_DEPARTMENTS } from '../../../src/domain/device';
import type { EventType } from '../../../src/domain/events/catalog';
import { formatDowntimeId } from '../../../src/domain/ids/downtimeId';
import { localDay } from '../../../src/domain/tokens/day';
import { formatToken } from '../../../src/domain/tokens/tokenNumber';
import { generatePatients } from '../../helpers/synthetic/generate';
import { benchRing } from './clearRing';

const heap = (): number | null => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? null;
const gc = () => (window as unknown as { gc?: () => void }).gc?.();
const BATCH = 2000;

/**
 * Making a backup bundle on a tablet (issue 16: 100,000 events in ≤ 30 s, streamed): a device
 * log of `events` events (patients and their tokens, sealed at rest as on a tablet), then the
 * real BackupDesk.make into a file written with the File System Access API's writable, in the
 * origin-private file system (the one a script may open without a person at a dialog). Only
 * the making is timed; the JS heap's peak is sampled throughout it.
 */
export async function runBundleMakeBench({ events, encrypted, status }: { events: number; encrypted: boolean; status: (s: string) => void }) {
  const tag = Date.now();
  const locks = defaultLocks();
  const now = () => new Date();
  const keyRing = benchRing(encrypted);
  const desk = new Desk({ db: new DeskDb(`bench-bundle-${tag}`, keyRing), keyRing, locks, now, openLog: (d) => openPouchLog(d, locks, now, keyRing, `bench-bundle-log-${tag}`) });
  const admin = await desk.enroll({
    enrollment: { hospital: 'Bench Hospital', code: 'BB', departments: DEFAULT_DEPARTMENTS.map((d) => ({ ...d })), timeZone: 'Asia/Kolkata' },
    admin: { name: 'Bench Admin', pin: '482913', pinAgain: '482913' },
  });
  const { log, projector } = await desk.context();
  // Up to 5,000 patients a day (token numbers stop at 9,999 a day), on the days before today.
  const dayOf = (n: number) => localDay(new Date(Date.now() - Math.floor((n - 1) / 5000) * 86_400_000), 'Asia/Kolkata');
  const t0 = performance.now();
  // A patient and a token each: two events a patient, until the log holds `events`.
  for (let next = 1; (await log.count()) < events;) {
    const people = generatePatients(20261203 + next, BATCH / 2);
    const items: Array<{ type: EventType; data: unknown }> = [];
    for (const fields of people) {
      const patient = formatDowntimeId('BB', next);
      const day = dayOf(next);
      const number = ((next - 1) % 5000) + 1;
      items.push({ type: 'patient.registered', data: { patient, fields, day } });
      items.push({ type: 'token.issued', data: { token: formatToken('MED', 'BB', number), patient, dept: 'MED', day, number } });
      next += 1;
    }
    await log.appendMany(items.slice(0, Math.max(0, events - (await log.count()))), admin.name);
    status(`stored ${await log.count()} of ${events} events`);
  }
  await projector.catchUp();
  const loadMs = performance.now() - t0;

  const backups = new BackupDesk(desk);
  await backups.setBackupKey(admin, backupKeyText((await generateBackupKey()).publicKey));
  const root = await navigator.storage.getDirectory();
  const handle = await root.getFileHandle(`bench-${tag}.ddbundle`, { create: true });
  const open = async () => {
    const writable = await handle.createWritable();
    return { write: (chunk: Uint8Array) => writable.write(chunk as Uint8Array<ArrayBuffer>), close: () => writable.close(), abort: () => writable.abort() };
  };

  // Timed: the heap's peak, garbage included, sampled every 20 ms and at every frame.
  gc();
  const baseline = heap();
  let peak = baseline ?? 0;
  const sample = () => { const h = heap(); if (h !== null && h > peak) peak = h; };
  const sampler = setInterval(sample, 20);
  const t1 = performance.now();
  const made = await backups.make({ open, onProgress: (done, total) => { sample(); status(`bundle: ${done} of ${total} events`); } });
  const makeMs = performance.now() - t1;
  clearInterval(sampler);
  const bytes = (await handle.getFile()).size;

  // Not timed: the same bundle again, collecting the garbage every 10 frames, so what is left is
  // what the making holds. Bounded means this stays flat whatever the log's size.
  gc();
  const liveBaseline = heap();
  let live = liveBaseline ?? 0;
  let frames = 0;
  await backups.make({
    open,
    onProgress: () => {
      frames += 1;
      if (frames % 10 !== 0) return;
      gc();
      const h = heap();
      if (h !== null && h > live) live = h;
    },
  });
  await root.removeEntry(handle.name);
  return {
    events: made.to, encrypted, loadMs, makeMs, eventsPerSec: (made.to / makeMs) * 1000, bytes,
    heapBaselineBytes: baseline, heapPeakBytes: baseline === null ? null : peak,
    liveOverBaselineBytes: liveBaseline === null ? null : live - liveBaseline,
  };
}
