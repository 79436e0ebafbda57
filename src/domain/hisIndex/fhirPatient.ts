import { readDate } from './values';
import { clip, MAX_ADDRESS, MAX_NAME, readMobile, readUhid } from './values';
import { birthProblem } from '../patients/age';
import type { Sex } from '../patients/fields';
import type { HisRecord, RowOutcome } from './record';
import type { TextLine } from './lines';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

const GENDERS: Record<string, Sex> = { male: 'M', female: 'F', other: 'O', unknown: 'U' };

/**
 * A FHIR R4 Patient resource (one line of a Bulk Data NDJSON file) as an index record. The UHID is
 * the identifier under the hospital's UHID system, the one the export writes (export/systems.ts);
 * the name is the first one not marked old, as text or given and family names; the mobile is the
 * first phone; the address the first, as text or its parts.
 */
export function recordFromFhir({ line, text }: TextLine, uhidSystem: string, today: string): RowOutcome {
  let resource: unknown;
  try {
    resource = JSON.parse(text);
  } catch {
    return { ok: false, bad: { line, reason: 'json' } };
  }
  if (!isObject(resource) || resource.resourceType !== 'Patient') {
    return { ok: false, bad: { line, reason: 'notPatient', value: isObject(resource) ? clip(str(resource.resourceType), 40) : '' } };
  }
  const identifier = list(resource.identifier).find((i) => i.system === uhidSystem);
  const uhid = readUhid(str(identifier?.value));
  if (!uhid.ok) return { ok: false, bad: { line, reason: uhid.reason, value: clip(str(identifier?.value), 40) } };

  const name = clip(nameText(list(resource.name)), MAX_NAME);
  if (name === '') return { ok: false, bad: { line, reason: 'nameMissing' } };

  const gender = resource.gender === undefined ? 'U' : GENDERS[str(resource.gender)];
  if (!gender) return { ok: false, bad: { line, reason: 'sex', value: clip(String(resource.gender), 40) } };
  const record: HisRecord = { uhid: uhid.value, name, sex: gender };

  if (resource.birthDate !== undefined) {
    const raw = str(resource.birthDate);
    const partial = /^(\d{4})(?:-(\d{2}))?$/.exec(raw);
    const dob = partial ? readDate(`${partial[1]}-${partial[2] ?? '01'}-01`) : /^\d{4}-\d{2}-\d{2}$/.test(raw) ? readDate(raw) : null;
    if (!dob) return { ok: false, bad: { line, reason: 'date', value: clip(raw, 40) } };
    const problem = birthProblem({ kind: 'dob', dob }, today);
    if (problem) return { ok: false, bad: { line, reason: problem, value: raw } };
    record.birth = { kind: 'dob', dob };
    if (partial) record.birthApprox = true;
  }

  const phone = list(resource.telecom).find((t) => t.system === 'phone' || t.system === 'sms');
  if (phone) {
    const mobile = readMobile(str(phone.value));
    if (!mobile.ok) return { ok: false, bad: { line, reason: 'mobile', value: clip(str(phone.value), 40) } };
    if (mobile.value) record.mobile = mobile.value;
  }
  const address = clip(addressText(list(resource.address)[0]), MAX_ADDRESS);
  if (address) record.address = address;
  return { ok: true, line, record };
}

function nameText(names: Json[]): string {
  const name = names.find((n) => n.use !== 'old') ?? names[0];
  if (!name) return '';
  if (str(name.text).trim()) return str(name.text);
  const given = Array.isArray(name.given) ? name.given.map(str) : [];
  return [...given, str(name.family)].join(' ');
}

function addressText(address: Json | undefined): string {
  if (!address) return '';
  if (str(address.text).trim()) return str(address.text);
  const lines = Array.isArray(address.line) ? address.line.map(str) : [];
  return [...lines, str(address.city), str(address.district), str(address.state), str(address.postalCode)].filter((p) => p.trim()).join(', ');
}
