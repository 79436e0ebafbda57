import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { plaintextFound, secretForms } from '../helpers/thiefDump';

describe('the thief test\'s plaintext search', () => {
  const name = { label: 'name', value: 'Zéphyrine Quillbrook', kind: 'name' as const };
  const mobile = { label: 'mobile', value: '7394061825', kind: 'mobile' as const };

  it('finds a value in the forms the app keys it by', () => {
    expect(plaintextFound('{"k":"ZEPHYRINE"}', [name])).toEqual([name.value]);
    expect(plaintextFound('{"k":"quillbrook"}', [name])).toEqual([name.value]);
    expect(plaintextFound('{"pairs":["qui zep"]}', [name])).toEqual([name.value]);
    expect(plaintextFound('{"tail":"5281604937"}', [mobile])).toEqual([mobile.value]);
    expect(plaintextFound('{"m":"7394061825"}', ['7394061825'])).toEqual(['7394061825']);
    expect(plaintextFound('{"abha":"91482736501928"}', [{ label: 'abha', value: '91-4827-3650-1928', kind: 'digits' }])).toEqual(['91-4827-3650-1928']);
    expect(secretForms(name)).toContain('zephyrine quillbrook');
  });

  it('finds a value one encoding away: base64 (any alignment) and hex', () => {
    for (const prefix of ['', 'x', 'xy']) {
      const b64 = Buffer.from(`${prefix}Vrindaquill Nagar and more`).toString('base64');
      expect(plaintextFound(`{"v":"${b64}"}`, ['Vrindaquill Nagar'])).toEqual(['Vrindaquill Nagar']);
    }
    const hex = Buffer.from('a Thaddeus Marrowgate b').toString('hex');
    expect(plaintextFound(`{"v":"${hex}"}`, ['Thaddeus Marrowgate'])).toEqual(['Thaddeus Marrowgate']);
  });

  it('takes a short form inside a run of ciphertext for chance, and the same form standing apart for a leak', () => {
    const notes = { label: 'clinical notes', value: 'Query leptospirosis after paddy work', kind: 'name' as const };
    expect(secretForms(notes)).toContain('pady');
    expect(plaintextFound('{"$sealed":"s1.Qm9x7PaDyk3LwZz0aT+Yq/8nHh=="}', [notes])).toEqual([]);
    expect(plaintextFound('{"sounds":["pady","work"]}', [notes])).toEqual([notes.value]);
    expect(plaintextFound('{"n":"after paddy work"}', [notes])).toEqual([notes.value]);
  });

  it('does not find digits inside a longer run of digits, nor anything in random bytes', () => {
    expect(plaintextFound('{"t":"17935793019"}', [{ label: 'pin', value: '793019', kind: 'digits' }])).toEqual([]);
    const noise = JSON.stringify({ hex: randomBytes(50_000).toString('hex'), b64: randomBytes(50_000).toString('base64'), latin1: randomBytes(50_000).toString('latin1') });
    expect(plaintextFound(noise, [name, mobile, 'Vrindaquill Nagar', { label: 'pin', value: '793019', kind: 'digits' }])).toEqual([]);
  });
});
