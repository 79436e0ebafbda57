import { looksLikeDowntimeId, parseDowntimeId } from '../ids/downtimeId';
import { TOKEN } from '../tokens/tokenNumber';
import { MOBILE_TAIL_MIN } from './mobileTail';
import { nameWords } from './nameKeys';

export type SearchQuery =
  | { kind: 'empty' }
  | { kind: 'downtimeId'; id: string }
  | { kind: 'badId'; reason: 'idFormat' | 'idCheck' }
  | { kind: 'token'; token: string }
  | { kind: 'mobile'; mobile: string }
  | { kind: 'abha'; abha: string }
  | { kind: 'uhid'; uhid: string }
  /** 4–9 digits: a numeric UHID, or the last digits of a mobile number. */
  | { kind: 'digits'; digits: string }
  | { kind: 'name'; words: string[] };

/**
 * What the clerk (or the barcode scanner) typed into the one search box. IDs are recognised by
 * their shape; a downtime ID with a wrong check character is "not valid", never "not found".
 */
export function classifyQuery(input: string): SearchQuery {
  const text = input.trim();
  if (!text) return { kind: 'empty' };
  if (looksLikeDowntimeId(text)) {
    const parsed = parseDowntimeId(text);
    return parsed.ok ? { kind: 'downtimeId', id: parsed.id } : { kind: 'badId', reason: parsed.reason };
  }
  const upper = text.toUpperCase().replace(/\s/g, '');
  if (TOKEN.test(upper)) return { kind: 'token', token: upper };
  if (/^[+\d][\d\s-]*$/.test(text)) {
    const digits = text.replace(/[\s-]/g, '');
    const mobile = digits.replace(/^(\+91|91|0)(?=\d{10}$)/, '');
    if (/^[6-9]\d{9}$/.test(mobile)) return { kind: 'mobile', mobile };
    if (/^\d{14}$/.test(digits)) return { kind: 'abha', abha: `${digits.slice(0, 2)}-${digits.slice(2, 6)}-${digits.slice(6, 10)}-${digits.slice(10)}` };
    // Short of a whole mobile: the end of one, or a numeric UHID; both are looked up.
    if (/^\d+$/.test(digits) && digits.length >= MOBILE_TAIL_MIN && digits.length < 10) return { kind: 'digits', digits };
    return { kind: 'uhid', uhid: digits.toUpperCase() };
  }
  if (/^[A-Z0-9][A-Z0-9/-]{2,18}[A-Z0-9]$/i.test(text) && /\d/.test(text)) return { kind: 'uhid', uhid: text.toUpperCase() };
  const words = nameWords(text);
  return words.length ? { kind: 'name', words } : { kind: 'empty' };
}
