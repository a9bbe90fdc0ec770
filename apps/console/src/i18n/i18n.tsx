import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { translator, type Language, type Translator } from './translator';

export { TIME_ZONE, type Language, type MessageKey, type ReasonLike, type Translator } from './translator';

const STORAGE_KEY = 'hp.lang'; // shared with the previous dashboard (apps/dashboard/public/i18n.js)

function storedLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

const I18nContext = createContext<Translator | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguage] = useState<Language>(storedLanguage);
  const value = useMemo(() => translator(language, setLanguage), [language]);
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = value.t('appTitle');
    try {
      localStorage.setItem(STORAGE_KEY, language);
    } catch {
      // storage unavailable: the choice lasts for this page only
    }
  }, [language, value]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): Translator {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
