import { appLanguageApiRef, useApi } from '@backstage/frontend-plugin-api';
import { useEffect, useMemo, useState } from 'react';
import { createFormatters, type Formatters } from '../lib/format';

/** The app's current language ('en', 'ja'); re-renders when the user switches language. */
export function useAppLanguage(): string {
  const languageApi = useApi(appLanguageApiRef);
  const [language, setLanguage] = useState(() => languageApi.getLanguage().language);
  useEffect(() => {
    const subscription = languageApi.language$().subscribe(l => setLanguage(l.language));
    return () => subscription.unsubscribe();
  }, [languageApi]);
  return language;
}

/** Intl formatters in the app's current language; re-renders when the user switches language. */
export function useFormatters(): Formatters {
  const language = useAppLanguage();
  return useMemo(() => createFormatters(language), [language]);
}
