import { describe, expect, it } from 'vitest';
import { DEFAULT_ANALYTES } from '../../src/domain/lab/results/defaultAnalytes';
import { answerBoth, answerFromHindi, answerHi, ANSWERS_HI } from '../../src/ui/i18n/answersHi';

const answers = new Set(Object.values(DEFAULT_ANALYTES.tests).flat().flatMap((a) => (a.kind === 'choice' ? a.answers : [])));

describe('Hindi labels of qualitative answers', () => {
  it('label every built-in answer that is a word, and nothing that is no answer', () => {
    const words = [...answers].filter((a) => /[a-z]{2,}/i.test(a) && a !== 'AB');
    expect(words.filter((a) => !ANSWERS_HI[a])).toEqual([]);
    expect(Object.keys(ANSWERS_HI).filter((a) => !answers.has(a))).toEqual([]);
    for (const label of Object.values(ANSWERS_HI)) expect(label).toMatch(/[\u0900-\u097F]/);
  });

  it('keep codes and symbols as they are, and show both languages where a label exists', () => {
    expect(answerHi('++')).toBe('++');
    expect(answerHi('1:80')).toBe('1:80');
    expect(answerHi('Nil')).toBe('शून्य');
    expect(answerBoth('Reactive')).toBe('Reactive / रिएक्टिव');
    expect(answerBoth('AB')).toBe('AB');
  });

  it('turn a Hindi label typed or picked back into the canonical answer, of that analyte only', () => {
    expect(answerFromHindi(' नहीं दिखा ', ['Not seen', 'P. vivax seen'])).toBe('Not seen');
    expect(answerFromHindi('नहीं दिखा', ['Negative', 'Positive'])).toBe('नहीं दिखा');
    expect(answerFromHindi('Not seen', ['Not seen'])).toBe('Not seen');
  });
});
