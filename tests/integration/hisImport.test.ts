import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { HisImport } from '../../src/device/hisImport';
import { DEFAULT_SYSTEMS } from '../../src/domain/export/systems';
import { guessMapping } from '../../src/domain/hisIndex/mapping';
import { ADMIN, ENROLLMENT, makeDesk } from '../helpers/deviceHarness';

const HEADER = 'UHID,Name,Sex,DOB,Age,Mobile,Address';
const MAPPING = guessMapping(HEADER.split(','));
const ADMIN_USER = { name: ADMIN.name, role: 'admin' as const };

/** `n` good rows from `from` on: AIIMS/000001 Sunita Devi 1, … */
function rows(n: number, from = 1, name = 'Sunita Devi'): string[] {
  return Array.from({ length: n }, (_, i) => `AIIMS/${String(from + i).padStart(6, '0')},${name} ${from + i},F,,${20 + (i % 60)},98${String(from + i).padStart(8, '0')},"Gali ${i}, Laxmi Nagar"`);
}
const csv = (lines: string[], name = 'index.csv') => new File([`${[HEADER, ...lines].join('\r\n')}\r\n`], name, { type: 'text/csv' });

async function adminDesk() {
  const made = makeDesk();
  await made.desk.enroll({ enrollment: ENROLLMENT, admin: ADMIN });
  await made.desk.login(ADMIN.name, ADMIN.pin);
  return { ...made, his: new HisImport(made.desk) };
}

async function importAll(his: HisImport, file: File, chunkBytes = 4096) {
  const staged = await his.stage(file, 'csv', ADMIN_USER, { mapping: MAPPING, uhidSystem: DEFAULT_SYSTEMS.uhid, chunkBytes });
  return { staged, summary: await his.confirm(staged, ADMIN_USER) };
}

describe('importing the HIS patient index', () => {
  it('opens a Hindi file whose first bytes read end inside a character', async () => {
    const { his } = await adminDesk();
    const lines = rows(15_000, 1, 'सुनीता देवी');
    const encoder = new TextEncoder();
    const bytesOf = (l: string[]) => encoder.encode(`${[HEADER, ...l].join('\r\n')}\r\n`);
    // Pad a row before each likely cut (64 KiB, 1 MiB) until the byte there is inside a three-byte Devanagari letter.
    for (const [cut, row] of [[64 * 1024, 0], [1024 * 1024, 10_000]] as const) {
      while ((bytesOf(lines)[cut]! & 0xc0) !== 0x80) lines[row] += ' ';
    }
    const opened = await his.open(csv(lines), ADMIN_USER);
    expect(opened.csv?.mapping).toEqual(MAPPING);
    expect(opened.csv?.preview.rows[0]).toContain('सुनीता देवी 1');
  });

  it('stages the good rows, lists the bad ones, and makes them the index only when confirmed; every value sealed at rest', async () => {
    const { his, db, names } = await adminDesk();
    const file = csv([...rows(3), 'AIIMS/000002,Duplicate,F,,30,,', ',No Uhid,M,,30,,', ...rows(2, 4, 'सुनीता देवी')]);
    expect((await his.open(file, ADMIN_USER)).csv?.mapping).toEqual(MAPPING);

    const progress: number[] = [];
    const staged = await his.stage(file, 'csv', ADMIN_USER, { mapping: MAPPING, uhidSystem: DEFAULT_SYSTEMS.uhid, chunkBytes: 64, onProgress: (p) => progress.push(p.bytes) });
    expect(staged).toMatchObject({ good: 5, badCount: 2, bad: [{ line: 5, reason: 'uhidDuplicate', firstLine: 3 }, { line: 6, reason: 'uhidMissing' }] });
    expect(progress.at(-1)).toBe(file.size);
    expect(progress.length).toBeGreaterThan(5);
    // Staged is not yet the index.
    expect(await his.current()).toBeNull();
    expect(await his.rows()).toEqual([]);

    const summary = await his.confirm(staged, ADMIN_USER);
    expect(summary).toMatchObject({ rows: 5, badRows: 2, fileName: 'index.csv', importedBy: ADMIN.name });
    const read = await his.rows();
    expect(read.map((r) => r.name)).toEqual(['Sunita Devi 1', 'Sunita Devi 2', 'Sunita Devi 3', 'सुनीता देवी 4', 'सुनीता देवी 5']);
    expect(read[0]).toMatchObject({ uhid: 'AIIMS/000001', sex: 'F', mobile: '9800000001', address: 'Gali 0, Laxmi Nagar', line: 2 });

    // What IndexedDB holds: ids, import and line; no name, UHID, mobile or address.
    const raw = await new Dexie(names.dexie).open().then((d) => d.table('hisIndex').toArray());
    expect(raw).toHaveLength(5);
    const stored = JSON.stringify(raw);
    for (const secret of ['Sunita', 'सुनीता', 'AIIMS/000001', '9800000001', 'Laxmi']) expect(stored).not.toContain(secret);
    expect(Object.keys(raw[0]!).sort()).toEqual(['$sealed', 'id', 'import', 'line', 'mobile', 'sounds', 'uhid']);
    expect(await db.hisIndex.where('uhid').equals(his['desk'].searchKey('uhid', 'AIIMS/000004')).first()).toMatchObject({ name: 'सुनीता देवी 4' });
    // Either script's spelling finds both by the name's sound.
    const bySound = await db.hisIndex.where('sounds').equals(his['desk'].searchKey('sounds', 'sunita')).toArray();
    expect(bySound.map((r) => r.line)).toEqual([2, 3, 4, 7, 8]);
  });

  it('a file that turns to garbage half-way leaves the index in use as it was, and nothing of the new file', async () => {
    const { his, db } = await adminDesk();
    await importAll(his, csv(rows(20)));
    const before = await his.current();

    // A quote never closed (and no other quote after it to close it): the rest of the file would
    // be one field. Then bytes that are not UTF-8.
    const unquoted = rows(2000, 200).map((r) => r.replace(/"/g, '').replace(', ', ' '));
    const unclosed = csv([...rows(50, 100), 'AIIMS/999999,"never closed,F,,30,,', ...unquoted]);
    await expect(his.stage(unclosed, 'csv', ADMIN_USER, { mapping: MAPPING, uhidSystem: DEFAULT_SYSTEMS.uhid, chunkBytes: 4096 }))
      .rejects.toMatchObject({ name: 'HisFileError', code: 'rowTooLong', line: 52 });
    const notText = new File([`${HEADER}\r\n${rows(300, 100).join('\r\n')}\r\n`, new Uint8Array([0xff, 0xfe, 0xc3, 0x28]), '\r\n'], 'index.csv');
    await expect(his.stage(notText, 'csv', ADMIN_USER, { mapping: MAPPING, uhidSystem: DEFAULT_SYSTEMS.uhid, chunkBytes: 1024 }))
      .rejects.toMatchObject({ code: 'notUtf8' });

    expect(await his.current()).toEqual(before);
    expect(await db.hisIndex.count()).toBe(20);
    expect((await his.rows(0, 100)).map((r) => r.uhid)).toEqual(rows(20).map((r) => r.split(',')[0]));
  });

  it('a cancel half-way, or a "no" at the end, leaves the index in use as it was', async () => {
    const { his, db } = await adminDesk();
    await importAll(his, csv(rows(10)));
    const before = await his.current();

    const abort = new AbortController();
    let seen = 0;
    await expect(his.stage(csv(rows(3000, 100)), 'csv', ADMIN_USER, {
      mapping: MAPPING, uhidSystem: DEFAULT_SYSTEMS.uhid, chunkBytes: 8192, signal: abort.signal,
      onProgress: (p) => { seen = p.rows; if (p.bytes > p.totalBytes / 2) abort.abort(); },
    })).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toBeGreaterThan(1000);
    expect(await db.hisIndex.count()).toBe(10);

    const staged = await his.stage(csv(rows(30, 500)), 'csv', ADMIN_USER, { mapping: MAPPING, uhidSystem: DEFAULT_SYSTEMS.uhid });
    expect(await db.hisIndex.count()).toBe(40);
    await his.discard(staged);
    expect(await db.hisIndex.count()).toBe(10);
    expect(await his.current()).toEqual(before);
  });

  it('a confirmed re-import replaces the index; an import abandoned by a closed tab is cleared by the next one', async () => {
    const { his, db } = await adminDesk();
    await importAll(his, csv(rows(15)));
    // Staged and never confirmed nor discarded: the tab was closed.
    await his.stage(csv(rows(7, 300)), 'csv', ADMIN_USER, { mapping: MAPPING, uhidSystem: DEFAULT_SYSTEMS.uhid });
    const { summary } = await importAll(his, csv(rows(12, 1000)), 512);
    expect(summary.rows).toBe(12);
    expect(await db.hisIndex.count()).toBe(12);
    expect((await his.rows(0, 100)).map((r) => r.uhid)[0]).toBe('AIIMS/001000');
    // The same file again: its UHIDs are the index's, not duplicates within the file. Twice in
    // one batch and across batches, they are.
    const again = await importAll(his, csv([...rows(12, 1000), 'AIIMS/001003,Twice,F,,30,,']), 512);
    expect(again.staged).toMatchObject({ good: 12, badCount: 1, bad: [{ line: 14, reason: 'uhidDuplicate', firstLine: 5 }] });
    const sameBatch = await his.stage(csv(['AIIMS/000001,A,F,,30,,', 'AIIMS/000001,B,F,,30,,']), 'csv', ADMIN_USER, { mapping: MAPPING, uhidSystem: DEFAULT_SYSTEMS.uhid });
    expect(sameBatch).toMatchObject({ good: 1, bad: [{ line: 3, reason: 'uhidDuplicate', firstLine: 2 }] });
    await his.discard(sameBatch);
    expect(await db.hisIndex.count()).toBe(12);
  });

  it('reads FHIR Patient NDJSON under the hospital\'s UHID system', async () => {
    const { his } = await adminDesk();
    const system = 'https://his.hospital.example/uhid';
    const lines = [
      { resourceType: 'Patient', identifier: [{ system, value: 'CR-2026-1' }], name: [{ given: ['Sunita'], family: 'Devi' }], gender: 'female', birthDate: '1980-03-12' },
      { resourceType: 'Patient', identifier: [{ system: DEFAULT_SYSTEMS.uhid, value: 'CR-2026-2' }], name: [{ text: 'Ravi Kumar' }] },
    ].map((r) => JSON.stringify(r)).join('\n');
    const file = new File([lines], 'Patient.ndjson');
    expect(await his.open(file, ADMIN_USER)).toMatchObject({ kind: 'ndjson' });
    const staged = await his.stage(file, 'ndjson', ADMIN_USER, { uhidSystem: system });
    expect(staged).toMatchObject({ good: 1, badCount: 1, bad: [{ line: 2, reason: 'uhidMissing' }] });
    await his.confirm(staged, ADMIN_USER);
    expect(await his.rows()).toEqual([expect.objectContaining({ uhid: 'CR-2026-1', name: 'Sunita Devi', birth: { kind: 'dob', dob: '1980-03-12' } })]);
  });

  it('counts ages and future births by the hospital\'s day, not the tablet\'s UTC one', async () => {
    // 20:00 UTC on the 26th is 01:30 on the 27th in India: a baby born on the 27th is born.
    const made = makeDesk({ now: () => new Date('2026-11-26T20:00:00.000Z') });
    await made.desk.enroll({ enrollment: ENROLLMENT, admin: ADMIN });
    const his = new HisImport(made.desk);
    const staged = await his.stage(csv(['AIIMS/000001,Baby of Rekha,F,27/11/2026,,,', 'AIIMS/000002,Baby of Asha,F,28/11/2026,,,']), 'csv', ADMIN_USER, { mapping: MAPPING, uhidSystem: DEFAULT_SYSTEMS.uhid });
    expect(staged).toMatchObject({ good: 1, bad: [{ line: 3, reason: 'dobFuture' }] });
  });

  it('is for administrators only, and a mapping without UHID or name is refused before anything is read', async () => {
    const { his, db } = await adminDesk();
    const file = csv(rows(3));
    await expect(his.stage(file, 'csv', { name: 'Clerk', role: 'clerk' }, { mapping: MAPPING, uhidSystem: DEFAULT_SYSTEMS.uhid })).rejects.toMatchObject({ code: 'roleNotAllowed' });
    await expect(his.stage(file, 'csv', ADMIN_USER, { mapping: { ...MAPPING, uhid: null }, uhidSystem: DEFAULT_SYSTEMS.uhid })).rejects.toMatchObject({ code: 'uhidColumn' });
    expect(await db.hisIndex.count()).toBe(0);
  });
});
