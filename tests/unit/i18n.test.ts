import { readFileSync } from 'node:fs';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { RuleError } from '../../src/domain/errors';
import { errorText } from '../../src/ui/shared/errors';
import { SCREEN_AREAS, type Area } from '../../src/ui/i18n/areas';
import { sourceFiles } from '../helpers/sourceFiles';
import { en, enAreas } from '../../src/ui/i18n/en';
import { hi, hiAreas } from '../../src/ui/i18n/hi';


function leaves(obj: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of leaves(v as object, key)) out.set(kk, vv);
  }
  return out;
}

const english = leaves(en);
const hindi = leaves(hi);

/** The keys a source file looks up: whole keys, and the fixed start of keys built at run time (`errors.${code}`). */
function keysUsed(file: string): { whole: string[]; prefixes: string[] } {
  const text = readFileSync(file, 'utf8');
  // t(…) and the fixed-language t of the bilingual printouts and displays, en(…) and hi(…).
  const calls = [...text.matchAll(/\b(?:t|en|hi)\(\s*(['`])([a-zA-Z0-9_.]+)(\$\{)?/g)];
  return {
    whole: calls.filter((m) => !m[3]).map((m) => m[2]!),
    prefixes: calls.filter((m) => m[3]).map((m) => m[2]!),
  };
}

/**
 * Which areas' strings are there when a file's components render: `base` always, and the areas
 * its screen's chunk loads (SCREEN_AREAS, by the folder under src/ui). Printouts render from the
 * screen that prints them, except the token slip, whose print loads its own area (src/print/printSlip.tsx).
 * Shared components are used by screens of several areas: not listed.
 */
const loadedWith: [RegExp, readonly Area[]][] = [
  [/^src\/ui\/(App\.tsx|update\/|login\/LoginScreen|shared\/(LanguageToggle|StorageBanner))/, []],
  [/^src\/ui\/Shell\.tsx/, SCREEN_AREAS.shell],
  [/^src\/ui\/login\/RecoveryForm/, SCREEN_AREAS.recovery],
  [/^src\/print\/TokenSlip/, ['slip']],
  [/^src\/print\/(RequisitionSlip|ResultReport|SpecimenLabel)/, SCREEN_AREAS.lab],
  [/^src\/print\/(WardCensus|Wristband)/, SCREEN_AREAS.wards],
  [/^src\/print\/RecoverySheet/, SCREEN_AREAS.keys],
  [/^src\/print\/PrinterTestLabel/, SCREEN_AREAS.admin],
  [/^src\/ui\/backup\/(BackupPanel|ReadOnlyImport)/, SCREEN_AREAS.admin],
  ...Object.entries(SCREEN_AREAS).map(([dir, areas]) => [new RegExp(`^src/ui/${dir}/`), areas] as [RegExp, readonly Area[]]),
];

describe('translations', () => {
  it('every key the screens use exists', () => {
    const used = new Set<string>();
    for (const file of [...sourceFiles('src/ui'), ...sourceFiles('src/print')]) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(100);
    // A count's text is looked up by plural form: key_one, key_other.
    expect([...used].filter((k) => !english.has(k) && !english.has(`${k}_other`))).toEqual([]);
  });

  it('Hindi has every English key, filled in, with the same placeholders', () => {
    for (const [key, text] of english) {
      const other = hindi.get(key);
      expect(other, key).toBeTruthy();
      const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      expect(placeholders(other!), key).toEqual(placeholders(text));
    }
  });

  it('Hindi is not English copied over (beyond names, codes and symbols)', () => {
    const same = [...english].filter(([key, text]) => hindi.get(key) === text && /[a-z]{4,}/.test(text.replace(/\{\{\w+\}\}/g, '')));
    expect(same.map(([k]) => k)).toEqual([]);
  });

  it('no count is hedged with "(s)": each has its plural forms, in both languages', () => {
    expect([...english].filter(([, text]) => text.includes('(s)')).map(([k]) => k)).toEqual([]);
    const plurals = [...english].filter(([k, text]) => k.endsWith('_other') && text.includes('{{count}}')).map(([k]) => k).map((k) => k.slice(0, -'_other'.length));
    expect(plurals.length).toBeGreaterThan(10);
    for (const key of plurals) expect(english.has(`${key}_one`) && hindi.has(`${key}_one`) && hindi.has(`${key}_other`), key).toBe(true);
  });

  it('says one thing in the singular and more in the plural', async () => {
    const i = i18next.createInstance();
    await i.init({ resources: { en: { translation: en }, hi: { translation: hi } }, lng: 'en', interpolation: { escapeValue: false } });
    expect(errorText(new RuleError('pinWait', { count: 1 }), i.t)).toBe('Too many wrong PINs. Try again in 1 second.');
    expect(errorText(new RuleError('pinWait', { count: 5 }), i.t)).toBe('Too many wrong PINs. Try again in 5 seconds.');
    expect(errorText(new RuleError('accountLocked', { count: 1 }), i.t)).toMatch(/Try again in 1 minute or/);
    expect(i.t('token.printed', { count: 1 })).toBe('Printed 1 time');
    expect(i.t('token.printed', { count: 2 })).toBe('Printed 2 times');
    expect(i.t('desk.results', { count: 1 })).toBe('1 patient found');
    expect(i.t('sync.counts', { count: 1, pending: 1, sent: 0, confirmed: 0, refused: 0 })).toMatch(/^1 event on this device/);
    await i.changeLanguage('hi');
    expect(i.t('desk.results', { count: 1 })).toBe('1 मरीज़ मिला');
    expect(i.t('desk.results', { count: 3 })).toBe('3 मरीज़ मिले');
    expect(i.t('lab.selected', { count: 1 })).toBe('1 चुना गया');
  });

  it('names a status in the reader\'s language inside an error', async () => {
    const t = i18next.createInstance();
    await t.init({ resources: { en: { translation: en }, hi: { translation: hi } }, lng: 'hi', interpolation: { escapeValue: false } });
    const err = new RuleError('badMove', { token: 'MED-K7-001', status: 'done' });
    expect(errorText(err, t.t)).toContain(`“${hi.token.status_done}”`);
    await t.changeLanguage('en');
    expect(errorText(err, t.t)).toBe('Token MED-K7-001 is marked “Done”: that step is not possible now.');
  });

  it('splits into areas, each holding its own keys, in English and Hindi alike', () => {
    const owner = new Map<string, string>();
    for (const [area, strings] of Object.entries(enAreas)) {
      const mine = leaves(strings);
      // A Hindi chunk has every key its English one has, and nothing more: an area loads whole.
      expect([...leaves(hiAreas[area as Area]).keys()].sort(), area).toEqual([...mine.keys()].sort());
      for (const key of mine.keys()) {
        expect(owner.get(key), `${key} in ${area}`).toBeUndefined();
        owner.set(key, area);
      }
    }
    expect(owner.size).toBe(english.size);
  });

  it('has every key a screen uses in the areas its chunk loads', () => {
    const checked = new Set<string>();
    for (const file of [...sourceFiles('src/ui'), ...sourceFiles('src/print')]) {
      const areas = loadedWith.find(([pattern]) => pattern.test(file))?.[1];
      if (!areas) continue;
      checked.add(file);
      const there = new Map<string, string>();
      for (const area of ['base', ...areas] as Area[]) for (const [k, v] of leaves(enAreas[area])) there.set(k, v);
      const { whole, prefixes } = keysUsed(file);
      expect(whole.filter((k) => !there.has(k) && !there.has(`${k}_other`)), file).toEqual([]);
      expect(prefixes.filter((p) => ![...there.keys()].some((k) => k.startsWith(p))), file).toEqual([]);
    }
    expect(checked.size).toBeGreaterThan(60);
  });

  it('builds only the login\'s strings into the first load', () => {
    // Every other area is behind an import() (src/ui/i18n/areas.ts); `npm run size` shows the chunks.
    const index = readFileSync('src/ui/i18n/index.ts', 'utf8') + readFileSync('src/ui/i18n/areas.ts', 'utf8');
    expect([...index.matchAll(/^import .* from '\.\/strings\/([\w.]+)';$/gm)].map((m) => m[1])).toEqual(['base.en', 'base.en']);
    for (const file of sourceFiles('src').filter((f) => !f.startsWith('src/ui/i18n/'))) {
      // Types (Messages) are fine: they leave nothing in the build.
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/^import (?!type )[^;]*from '[^']*\/i18n\/(en|hi|strings\/[\w.]+)';$/m);
    }
  });
});
