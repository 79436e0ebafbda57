import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en, type Messages } from './en';

export const LANGUAGES = ['en', 'hi'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'downtime-desk:language';

/**
 * English is built in (it is also every missing key's fallback); other languages load when they
 * are the one in use, so the first load carries one dictionary, not all (issue 15). The service
 * worker precaches them, so switching works offline.
 */
const loaders: Record<Exclude<Language, 'en'>, () => Promise<Messages>> = {
  hi: () => import('./hi').then((m) => m.hi),
};

/** The language last asked for: a slow load must not switch back to a language given up meanwhile. */
let wanted: Language = 'en';
let ready: Promise<void> = Promise.resolve();

/** The language is a preference of the person at the desk, kept per browser. */
export function savedLanguage(): Language {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  return stored === 'hi' ? 'hi' : 'en';
}

/**
 * The dictionary of `lang`, without switching to it: for what shows both languages at once (the
 * waiting-room display, the recovery sheet) whatever the language in use.
 */
export async function loadLanguage(lang: Language): Promise<void> {
  if (lang !== 'en' && !i18next.hasResourceBundle(lang, 'translation')) {
    i18next.addResourceBundle(lang, 'translation', await loaders[lang]());
  }
}

/** Switch to `lang` once its dictionary is there; until then the screen stays in the language it was. */
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
      resources: { en: { translation: en } },
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
