import { DeskDb } from '../../../src/device/db';
import { Desk } from '../../../src/device/desk';
import { HisImport } from '../../../src/device/hisImport';
import { defaultLocks } from '../../../src/device/locks';
import { DEFAULT_SYSTEMS } from '../../../src/domain/export/systems';
import { guessMapping } from '../../../src/domain/hisIndex/mapping';
import { generatePatients } from '../../helpers/synthetic/generate';
import { benchRing } from './clearRing';

const HEADER = ['UHID', 'Patient Name', 'Gender', 'DOB', 'Age', 'Mobile No', 'Address'];
const BLOCK = 10_000;

const heap = (): number | null => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? null;
const gc = () => (window as unknown as { gc?: () => void }).gc?.();
const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/**
 * An HIS export of `rows` synthetic patients as a CSV Blob, built block by block so that neither
 * the patients nor the text stay in the JS heap: the Blob's bytes are the browser's, outside it,
 * as a picked file's are.
 */
function hisCsv(rows: number): Blob {
  const parts: Blob[] = [new Blob([`\uFEFF${HEADER.join(',')}\r\n`])];
  for (let start = 0; start < rows; start += BLOCK) {
    const people = generatePatients(20261203 + start, Math.min(BLOCK, rows - start));
    const lines = people.map((p, i) => {
      const b = p.birth as { kind: string; dob?: string; years?: number };
      const dob = b.kind === 'dob' ? b.dob!.split('-').reverse().join('/') : '';
      const a = (p.address ?? {}) as Record<string, string | undefined>;
      const address = [a.line, a.locality, a.district, a.state, a.pin].filter(Boolean).join(', ');
      const cells: string[] = [`HIS${String(start + i).padStart(9, '0')}`, String(p.name ?? ''), String(p.sex), dob, b.kind === 'age' ? String(b.years) : '', String(p.mobile ?? ''), address];
      return cells.map(quote).join(',');
    });
    parts.push(new Blob([`${lines.join('\r\n')}\r\n`]));
  }
  return new Blob(parts, { type: 'text/csv' });
}

/** Imports a generated HIS index CSV through the real use-case on real IndexedDB: rows/s and the JS heap's peak. */
export async function runHisBench({ rows, encrypted, status }: { rows: number; encrypted: boolean; status: (s: string) => void }) {
  const keyRing = benchRing(encrypted);
  await keyRing.open(crypto.getRandomValues(new Uint8Array(32)));
  const locks = defaultLocks();
  const desk = new Desk({
    db: new DeskDb(`bench-his-${Date.now()}`, keyRing), keyRing, locks, now: () => new Date(),
    openLog: () => Promise.reject(new Error('the HIS import needs no event log')),
  });
  const his = new HisImport(desk);
  const admin = { name: 'Bench Admin', role: 'admin' as const };

  status(`generating ${rows} rows`);
  const file = new File([hisCsv(rows)], 'his-index.csv', { type: 'text/csv' });
  gc();
  await new Promise((r) => setTimeout(r, 100));
  const baseline = heap();
  let peak = baseline ?? 0;
  const sample = () => { const h = heap(); if (h !== null && h > peak) peak = h; };
  const sampler = setInterval(sample, 20);

  const t0 = performance.now();
  const staged = await his.stage(file, 'csv', admin, {
    mapping: guessMapping(HEADER), uhidSystem: DEFAULT_SYSTEMS.uhid,
    onProgress: (p) => { sample(); status(`${encrypted ? 'encrypted' : 'clear'}: ${p.rows} rows, ${(p.bytes / 1048576).toFixed(0)} of ${(p.totalBytes / 1048576).toFixed(0)} MB`); },
  });
  const stageMs = performance.now() - t0;
  clearInterval(sampler);
  // What the import still holds once its garbage is collected: a growth with the file's size would show here.
  gc();
  const retained = heap();
  const t1 = performance.now();
  const summary = await his.confirm(staged, admin);
  const confirmMs = performance.now() - t1;
  const storage = await navigator.storage.estimate();
  return {
    rows, encrypted, fileBytes: file.size, good: staged.good, bad: staged.badCount, stored: summary.rows,
    stageMs, confirmMs, rowsPerSec: (staged.good / stageMs) * 1000,
    heapBaselineBytes: baseline, heapPeakBytes: baseline === null ? null : peak, heapRetainedBytes: retained, storageUsageBytes: storage.usage ?? null,
  };
}
