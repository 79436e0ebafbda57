import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LOADERS, SCREEN_AREAS, type Area, type Screen } from './areas';
import { LANGUAGES, type Language } from './languages';
import { strings as baseEn } from './strings/base.en';

export { LANGUAGES, type Language };
export type { Area, Screen };
const STORAGE_KEY = 'downtime-desk:language';

/**
 * English `base` (the login screen) is built in, and English is every missing key's fallback.
 * Everything else loads by area and language (areas.ts): an area with the screens that use it, in
 * every language loaded so far; a language with every area loaded so far. So the first load
 * carries the login's strings only, and a Hindi desk adds Hindi's, not a second copy of all (issue
 * 15). The service worker precaches every chunk, so screens and languages switch offline too.
 */
const languagesWanted = new Set<Language>(['en']);
const areasWanted = new Set<Area>(['base']);
/** Bundles added or on their way, by `lang/area`; a failed one is forgotten, so the next use tries again. */
const bundles = new Map<string, Promise<void>>([['en/base', Promise.resolve()]]);

function bundle(lang: Language, area: Area): Promise<void> {
  const key = `${lang}/${area}`;
  let loading = bundles.get(key);
  if (!loading) {
    loading = LOADERS[lang][area]().then((strings) => {
      // Deep: areas share subtrees (`errors`), each adding its own keys.
      i18next.addResourceBundle(lang, 'translation', strings, true, true);
    });
    loading.catch(() => bundles.delete(key));
    bundles.set(key, loading);
  }
  return loading;
}

const all = (lang: Language[], areas: Area[]) => Promise.all(lang.flatMap((l) => areas.map((a) => bundle(l, a)))).then(() => undefined);

/** The strings of `areas`, in English and every other language loaded: before a screen that shows them renders. */
export function loadAreas(areas: readonly Area[]): Promise<void> {
  for (const a of areas) areasWanted.add(a);
  return all([...languagesWanted], [...areas]);
}

/** A lazily loaded screen's strings (areas.ts, SCREEN_AREAS), to load beside its chunk. */
export const loadScreenStrings = (screen: Screen): Promise<void> => loadAreas(SCREEN_AREAS[screen]);

/**
 * The strings of `areas` in every language, without adding a language to what later screens load:
 * for a printout, which carries Hindi beside English whatever the screen's language (only its own
 * area, not the Hindi of every screen opened so far).
 */
export const loadInEveryLanguage = (areas: readonly Area[]): Promise<void> => all([...LANGUAGES], [...areas]);

/** The language last asked for: a slow load must not switch back to a language given up meanwhile. */
let wanted: Language = 'en';
let ready: Promise<void> = Promise.resolve();

/** The language is a preference of the person at the desk, kept per browser. */
export function savedLanguage(): Language {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  return stored === 'hi' ? 'hi' : 'en';
}

/**
 * The strings of `lang` for every area loaded so far (and those loaded later), without switching
 * to it: for what shows both languages at once (the waiting-room display, printouts) whatever the
 * language in use.
 */
export function loadLanguage(lang: Language): Promise<void> {
  languagesWanted.add(lang);
  return all([lang], [...areasWanted]);
}

/** Switch to `lang` once its strings are there; until then the screen stays in the language it was. */
function switchTo(lang: Language): Promise<void> {
  wanted = lang;
  ready = loadLanguage(lang).then(
    async () => { if (wanted === lang) await i18next.changeLanguage(lang); },
    // Not loadable (a broken cache): the screens stay readable in the language they were.
    (err: unknown) => console.error(`language ${lang} did not load`, err),
  );
  return ready;
}

export function setLanguage(lang: Language): void {
  globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  void switchTo(lang);
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

export function initI18n(lang: Language = savedLanguage()) {
  if (!i18next.isInitialized) {
    void i18next.use(initReactI18next).init({
      resources: { en: { translation: baseEn } },
      lng: 'en',
      fallbackLng: 'en',
      interpolation: { escapeValue: false }, // React escapes
      returnNull: false,
    });
  }
  if (lang !== i18next.language) void switchTo(lang);
  else wanted = lang;
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
  return i18next;
}

/** Resolves when the language asked for last is in use (or failed to load): main.tsx renders after it. */
export const languageReady = (): Promise<void> => ready;
