import { describe, expect, it } from 'vitest';
import { soundOf } from '../../src/domain/patients/soundKey';
import { nameWords } from '../../src/domain/patients/nameKeys';

const sounds = (name: string) => nameWords(name).map(soundOf);

describe('the sound of a name word', () => {
  it.each([
    ['सुनीता देवी', 'Sunita Devi'],
    ['रवि कुमार', 'Ravi Kumar'],
    ['श्याम सुंदर', 'Shyam Sundar'],
    ['प्रकाश', 'Prakash'],
    ['लक्ष्मी', 'Lakshmi'],
    ['ज्योति', 'Jyoti'],
    ['चंद्र शेखर', 'Chandra Shekhar'],
    ['मोहम्मद फ़ैज़', 'Mohammad Faiz'],
    ['दत्ता', 'Datta'],
    ['राम', 'Ram'],
    ['कविता', 'Kavita'],
    ['गीता', 'Geeta'],
  ])('%s sounds like %s', (devanagari, latin) => {
    expect(sounds(devanagari)).toEqual(sounds(latin));
  });

  it('blurs the spellings of one name in Latin letters, and keeps different names apart', () => {
    expect(sounds('Suneeta Devee')).toEqual(sounds('Sunita Devi'));
    expect(soundOf('kavita')).toBe(soundOf('kawita'));
    expect(soundOf('geeta')).toBe(soundOf('gita'));
    expect(new Set(['sunita', 'sunil', 'kumar', 'kumari', 'ram', 'rama', 'gita', 'devi', 'dev'].map(soundOf)).size).toBe(9);
  });

  it('gives every prefix typed in Devanagari a prefix of the whole word\'s sound', () => {
    const word = 'सुनीता';
    const whole = soundOf(word);
    for (let n = 1; n <= [...word].length; n += 1) {
      const typed = [...word].slice(0, n).join('');
      // A lone consonant typed so far keeps no vowel of its own: "स" is "s".
      expect(whole.startsWith(soundOf(typed)), `${typed} → ${soundOf(typed)} in ${whole}`).toBe(true);
    }
  });
});
