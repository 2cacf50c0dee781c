import { appLanguageApiRef, useApi } from '@backstage/frontend-plugin-api';
import type { Localized } from '@internal/plugin-support-common';
import { useCallback, useEffect, useState } from 'react';

/** A picker for the `{ en, ja }` texts of request types, in the app's current language. */
export function useLocalized() {
  const languageApi = useApi(appLanguageApiRef);
  const [language, setLanguage] = useState(() => languageApi.getLanguage().language);
  useEffect(() => {
    const subscription = languageApi.language$().subscribe(l => setLanguage(l.language));
    return () => subscription.unsubscribe();
  }, [languageApi]);
  return useCallback(
    (text: Localized | undefined) => {
      if (!text) return '';
      return language === 'ja' ? text.ja : text.en;
    },
    [language],
  );
}

/** The app's current language (follows the user's switch), for `Intl` date formats. */
export function useLanguage(): string {
  const languageApi = useApi(appLanguageApiRef);
  const [language, setLanguage] = useState(() => languageApi.getLanguage().language);
  useEffect(() => {
    const subscription = languageApi.language$().subscribe(l => setLanguage(l.language));
    return () => subscription.unsubscribe();
  }, [languageApi]);
  return language;
}
