import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export type Lang = 'id' | 'en';

const STORAGE_KEY = 'kerjasama.lang';

/** Indonesian unless the user chose English on this device. */
export function initialLang(): Lang {
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'id';
}

export function storeLang(lang: Lang): void {
  localStorage.setItem(STORAGE_KEY, lang);
  document.documentElement.lang = lang;
}

export interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  /** Picks the Indonesian or English wording written side by side at the call site. */
  t(id: string, en: string): string;
  /** A bilingual text of the API: English when chosen and present, else Indonesian. */
  bi(text: { id: string; en?: string } | undefined): string;
}

export function makeI18n(lang: Lang, setLang: (lang: Lang) => void): I18n {
  return {
    lang,
    setLang,
    t: (id, en) => (lang === 'en' ? en : id),
    bi: (text) => (text ? (lang === 'en' && text.en ? text.en : text.id) : ''),
  };
}

export const I18nContext = createContext<I18n>(makeI18n('id', () => {}));

export const useI18n = () => useContext(I18nContext);
