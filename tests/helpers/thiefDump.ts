import type { Page } from 'playwright-core';
import { foldKey } from '../../src/domain/text';
import { mobileTail } from '../../src/domain/patients/mobileTail';
import { nameSounds, nameStem, nameWords, stemPairs } from '../../src/domain/patients/nameKeys';

/**
 * What a thief pastes into the console of the app's origin on a lost tablet: every IndexedDB
 * database the origin has, every object store, every key and every record, printed. Kept as the
 * plain script text a thief would type (no test-runner transforms reach it). It changes nothing:
 * a database is opened without a version (no upgrade), and one that vanished between the listing
 * and the opening is not created (the upgrade that would create it is aborted). Bytes are shown as
 * latin1 text (so text stored as bytes is visible), Blobs are read, Dates, Maps and Sets spelled out.
 */
const THIEF_SCRIPT = String.raw`(async () => {
  const latin1 = (bytes) => { let s = ''; for (let i = 0; i < bytes.length; i += 1) s += String.fromCharCode(bytes[i]); return s; };
  const blobs = [];
  const plain = (v, seen = new Set()) => {
    if (v === null || v === undefined || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
    if (typeof v === 'bigint') return String(v);
    if (v instanceof Date) return { $date: Number.isNaN(v.getTime()) ? String(v) : v.toISOString() };
    if (v instanceof ArrayBuffer) return { $bytes: latin1(new Uint8Array(v)) };
    if (ArrayBuffer.isView(v)) return { $bytes: latin1(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)) };
    if (typeof Blob !== 'undefined' && v instanceof Blob) { const slot = { $blob: v.type, size: v.size, text: null }; blobs.push([slot, v]); return slot; }
    if (v instanceof RegExp) return { $regexp: String(v) };
    if (typeof v !== 'object') return String(v);
    if (seen.has(v)) return '$cycle';
    seen.add(v);
    let out;
    if (v instanceof Map) out = { $map: [...v.entries()].map(([k, x]) => [plain(k, seen), plain(x, seen)]) };
    else if (v instanceof Set) out = { $set: [...v].map((x) => plain(x, seen)) };
    else if (Array.isArray(v)) out = v.map((x) => plain(x, seen));
    else { out = {}; for (const k of Object.keys(v)) out[k] = plain(v[k], seen); }
    seen.delete(v);
    return out;
  };
  const request = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
  const openExisting = (name) => new Promise((resolve, reject) => {
    const r = indexedDB.open(name);
    let created = false;
    r.onupgradeneeded = () => { created = true; r.transaction.abort(); };
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => (created ? resolve(null) : reject(r.error));
    r.onblocked = () => reject(new Error('open blocked: ' + name));
  });
  const listed = await indexedDB.databases();
  const databases = [];
  for (const info of listed) {
    const db = await openExisting(info.name);
    if (!db) { databases.push({ name: info.name, version: info.version, vanished: true, stores: [] }); continue; }
    db.onversionchange = () => db.close();
    const stores = [];
    try {
      const names = [...db.objectStoreNames];
      for (const storeName of names) {
        const tx = db.transaction(storeName, 'readonly');
        const store = tx.objectStore(storeName);
        const [keys, values] = await Promise.all([request(store.getAllKeys()), request(store.getAll())]);
        stores.push({ name: storeName, keyPath: store.keyPath, autoIncrement: store.autoIncrement, indexes: [...store.indexNames],
          count: values.length, keys: keys.map((k) => plain(k)), values: values.map((x) => plain(x)) });
      }
    } finally {
      db.close();
    }
    databases.push({ name: info.name, version: db.version, stores });
  }
  for (const [slot, blob] of blobs) slot.text = latin1(new Uint8Array(await blob.arrayBuffer()));
  const storage = (s) => { const o = {}; try { for (let i = 0; i < s.length; i += 1) o[s.key(i)] = s.getItem(s.key(i)); } catch (e) { o.$error = String(e); } return o; };
  return JSON.stringify({ databases, localStorage: storage(localStorage), sessionStorage: storage(sessionStorage) }, null, 1);
})()`;

export interface StoreDump { name: string; count: number; keys: unknown[]; values: unknown[]; indexes: string[] }
export interface DatabaseDump { name: string; version: number; vanished?: boolean; stores: StoreDump[] }
export interface ThiefDump {
  /** Everything printed, as one text: what the plaintext search reads. */
  text: string;
  databases: DatabaseDump[];
  localStorage: Record<string, string>;
  sessionStorage: Record<string, string>;
}

/** The thief's console script run in the page; the parsed result beside the printed text. */
export async function thiefDump(page: Page): Promise<ThiefDump> {
  const text = await page.evaluate(THIEF_SCRIPT) as string;
  const parsed = JSON.parse(text) as Omit<ThiefDump, 'text'>;
  return { text, ...parsed };
}

/**
 * Every record and every key of every IndexedDB database of the page's origin (and its
 * localStorage and sessionStorage), as one text.
 */
export async function dumpIndexedDb(page: Page): Promise<string> {
  return (await thiefDump(page)).text;
}

/**
 * The origin's databases, their stores and record counts as Chromium's own DevTools report them,
 * independently of the page: what the dump must have covered.
 */
export async function devtoolsInventory(page: Page): Promise<{ name: string; stores: { name: string; count: number }[] }[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const securityOrigin = new URL(page.url()).origin;
    await cdp.send('IndexedDB.enable');
    const { databaseNames } = await cdp.send('IndexedDB.requestDatabaseNames', { securityOrigin });
    const out = [];
    for (const name of databaseNames) {
      const { databaseWithObjectStores } = await cdp.send('IndexedDB.requestDatabase', { securityOrigin, databaseName: name });
      const stores = [];
      for (const store of databaseWithObjectStores.objectStores) {
        const meta = await cdp.send('IndexedDB.getMetadata', { securityOrigin, databaseName: name, objectStoreName: store.name });
        stores.push({ name: store.name, count: meta.entriesCount });
      }
      out.push({ name, stores: stores.sort((a, b) => a.name.localeCompare(b.name)) });
    }
    return out.sort((a, b) => a.name.localeCompare(b.name));
  } finally {
    await cdp.detach();
  }
}

/** The dump's own inventory in the shape devtoolsInventory reports. */
export function dumpInventory(dump: ThiefDump) {
  return dump.databases
    .map((db) => ({ name: db.name, stores: db.stores.map((s) => ({ name: s.name, count: s.count })).sort((a, b) => a.name.localeCompare(b.name)) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** A secret and the forms of it the app may keep as a search key. */
export interface Secret {
  /** What the test calls it in a failure message: "patient name", "mobile"... */
  label: string;
  value: string;
  /** How the app may key it; guessed from the value when not given. */
  kind?: 'name' | 'mobile' | 'digits' | 'text';
}

/** A value's kind when the test does not say: a phone number, a number, a name, or other text. */
function kindOf(value: string): NonNullable<Secret['kind']> {
  const compact = value.replace(/[\s()+-]/g, '');
  if (/^\d{10,12}$/.test(compact)) return 'mobile';
  if (/^\d+$/.test(compact)) return 'digits';
  if (/^[\p{L}\p{M} .'-]+$/u.test(value)) return 'name';
  return 'text';
}

const stripMarks = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
/** A word this short turns up by chance in the bytes: it is not looked for on its own. */
const MIN_WORD = 4;

/**
 * The forms a value may take on the device: as typed, folded (lower case, accents stripped, the
 * app's foldKey), and by kind: a name's single words, their sounds and the app's stem-pair keys ("qui zep"), a
 * mobile's digits and its reversed digits (mobileTail), an ID's digits alone.
 */
export function secretForms(secret: Secret): string[] {
  const { value } = secret;
  const kind = secret.kind ?? kindOf(value);
  const forms = new Set<string>([value, foldKey(value), stripMarks(foldKey(value)), value.replace(/\s+/g, '')]);
  const digits = value.replace(/\D/g, '');
  if (kind === 'name') {
    const words = nameWords(value);
    for (const w of words) if (w.length >= MIN_WORD) { forms.add(w); forms.add(stripMarks(w)); }
    // The app's search keys are made from the words' sounds: those and their pair keys, too.
    const sounds = nameSounds(value);
    for (const s of sounds) if (s.length >= MIN_WORD) forms.add(s);
    const pairsOf = (of: string[]) => stemPairs([...new Set(of.map((w) => nameStem(w)))]);
    for (const key of [...pairsOf(words), ...pairsOf(sounds)]) forms.add(key);
  }
  if (kind === 'mobile') {
    forms.add(digits);
    forms.add(mobileTail(digits));
  }
  if (kind === 'digits' && digits.length >= 6) forms.add(digits);
  return [...forms].filter((f) => f.length >= MIN_WORD).map((f) => f.toLowerCase());
}

/**
 * Text hidden one encoding away from the dump: runs of base64 and of hex, decoded (to latin1). A
 * value stored base64- or hex-encoded is no more secret than one stored as it is.
 */
function decodedRuns(dump: string): string[] {
  const out: string[] = [];
  for (const m of dump.matchAll(/[A-Za-z0-9+/_-]{16,}={0,2}/g)) {
    const run = m[0].replace(/-/g, '+').replace(/_/g, '/');
    for (let shift = 0; shift < 4; shift += 1) {
      const body = run.slice(shift).replace(/=+$/, '');
      const usable = body.slice(0, body.length - (body.length % 4));
      if (usable.length >= 16) out.push(Buffer.from(usable, 'base64').toString('latin1'));
    }
  }
  for (const m of dump.matchAll(/[0-9a-fA-F]{16,}/g)) {
    for (let shift = 0; shift < 2; shift += 1) {
      const body = m[0].slice(shift);
      out.push(Buffer.from(body.slice(0, body.length - (body.length % 2)), 'hex').toString('latin1'));
    }
  }
  return out;
}

/** Where the dump's localStorage and sessionStorage part is said to be. */
export const WEB_STORAGE = 'localStorage/sessionStorage';

/** Where each part of the dump begins: "database / store", or the web storage. */
function sectionsOf(dump: string): { at: number; label: string }[] {
  const marks: { at: number; label: string; db?: string; store?: string }[] = [];
  for (const m of dump.matchAll(/\n {3}"name": "([^"]*)",\n {3}"version"/gi)) marks.push({ at: m.index, label: '', db: m[1]! });
  for (const m of dump.matchAll(/\n {5}"name": "([^"]*)",\n {5}"keyPath"/gi)) marks.push({ at: m.index, label: '', store: m[1]! });
  const web = dump.toLowerCase().lastIndexOf('\n "localstorage"');
  marks.sort((a, b) => a.at - b.at);
  let db = '?';
  const out = marks.map((m) => {
    if (m.db !== undefined) db = m.db;
    return { at: m.at, label: m.store === undefined ? db : `${db} / ${m.store}` };
  });
  if (web >= 0) out.push({ at: web, label: WEB_STORAGE });
  return out;
}

function whereIn(sections: { at: number; label: string }[], at: number): string {
  let label = 'somewhere';
  for (const s of sections) if (s.at <= at) label = s.label; else break;
  return label;
}

/** Where a form stands in the text; a digit form only standing alone, not inside a longer run of digits (a hash, a time). */
function indexesOf(haystack: string, form: string): number[] {
  const escaped = form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = /^\d+$/.test(form) ? `(?<!\\d)${escaped}(?!\\d)` : escaped;
  const found = [...haystack.matchAll(new RegExp(pattern, 'g'))].map((m) => m.index);
  return form.length >= SHORT_FORM ? found : found.filter((at) => !insideEncodedRun(haystack, at, form.length));
}

/**
 * A short form (a word's sound, "pady") inside a long run of base64 or hex characters is chance,
 * not a value: a few hundred kilobytes of sealed values, lower-cased, hold most four-letter
 * strings somewhere. A value kept as it is stands apart from such runs (quotes, spaces); one
 * kept encoded is looked for decoded (decodedRuns).
 */
const SHORT_FORM = 8;
const ENCODED_RUN = 16;
function insideEncodedRun(text: string, at: number, length: number): boolean {
  const encoded = /[a-z0-9+/=_-]/i;
  let start = at;
  let end = at + length;
  while (start > 0 && encoded.test(text[start - 1]!)) start -= 1;
  while (end < text.length && encoded.test(text[end]!)) end += 1;
  return end - start >= ENCODED_RUN;
}

export interface Finding {
  label: string; value: string;
  /** The form first found, and every database / store it is readable in. */
  form: string; where: string[];
  excerpt: string;
}

/** Each secret found in the dump in any of its forms, case-insensitively, with where it was. */
export function plaintextFindings(dump: string, secrets: Secret[]): Finding[] {
  const plainText = dump.toLowerCase();
  // Lower case keeps every position in what the dump holds (its names are kept from the dump when it can).
  const sections = sectionsOf(plainText.length === dump.length ? dump : plainText);
  const decoded = decodedRuns(dump).map((s) => s.toLowerCase());
  const findings: Finding[] = [];
  for (const secret of secrets) {
    const where = new Set<string>();
    let first: { form: string; at: number } | null = null;
    for (const form of secretForms(secret)) {
      const found = indexesOf(plainText, form);
      for (const at of found) where.add(whereIn(sections, at));
      if (found.length > 0 && first === null) first = { form, at: found[0]! };
      if (found.length === 0 && decoded.some((d) => indexesOf(d, form).length > 0)) {
        where.add(`base64/hex-encoded as "${form}"`);
        first ??= { form, at: -1 };
      }
    }
    if (first === null) continue;
    const excerpt = first.at < 0 ? first.form : dump.slice(Math.max(0, first.at - 60), first.at + first.form.length + 60).replace(/\s+/g, ' ');
    findings.push({ label: secret.label, value: secret.value, form: first.form, where: [...where], excerpt });
  }
  return findings;
}

/** The secrets (their values) found in the dump in any of the forms the app uses. */
export function plaintextFound(dump: string, secrets: (string | Secret)[]): string[] {
  const list = secrets.map((s) => (typeof s === 'string' ? { label: s, value: s } : s));
  return plaintextFindings(dump, list).map((f) => f.value);
}

/** Every identifying or clinical value of a patient registered with every field, and of a requisition's notes and clinician. */
export function patientSecrets(p: { name: string; mobile: string; line: string; locality: string; district: string; state: string; pin: string; relative: string; uhid: string; abhaStored: string; remarks: string }, lab: { notes: string; clinician: string }): Secret[] {
  return [
    { label: 'patient name', value: p.name, kind: 'name' },
    { label: 'mobile', value: p.mobile, kind: 'mobile' },
    { label: 'address line', value: p.line },
    { label: 'locality', value: p.locality },
    { label: 'district', value: p.district },
    { label: 'state', value: p.state },
    { label: 'PIN code', value: p.pin, kind: 'digits' },
    { label: 'relative', value: p.relative, kind: 'name' },
    { label: 'UHID', value: p.uhid },
    { label: 'ABHA number', value: p.abhaStored, kind: 'digits' },
    { label: 'remarks', value: p.remarks },
    { label: 'clinical notes', value: lab.notes },
    { label: 'ordering clinician', value: lab.clinician, kind: 'name' },
  ];
}
