import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en } from './en';
import { vi, type Dictionary } from './vi';

export type Language = 'vi' | 'en';

const DICTIONARIES: Record<Language, Dictionary> = { vi, en };
const STORAGE_KEY = 'hoinghi.lang';

interface I18nValue {
  language: Language;
  t: Dictionary;
  toggleLanguage(): void;
}

const I18nContext = createContext<I18nValue | null>(null);

/** Vietnamese unless the user chose English on this browser before (localStorage outlives the session). */
function initialLanguage(): Language {
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguage] = useState<Language>(initialLanguage);

  useEffect(() => {
    localStorage.setItem(STORAGE_KEY, language);
    document.documentElement.lang = language;
  }, [language]);

  const toggleLanguage = useCallback(() => setLanguage((current) => (current === 'vi' ? 'en' : 'vi')), []);
  const value = useMemo(() => ({ language, t: DICTIONARIES[language], toggleLanguage }), [language, toggleLanguage]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside I18nProvider');
  return value;
}

export function useT(): Dictionary {
  return useI18n().t;
}
