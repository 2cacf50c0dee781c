import { appLanguageApiRef, useApi } from '@backstage/frontend-plugin-api';
import type { PostmortemLanguage } from '@internal/plugin-postmortem-common';
import { useEffect, useState } from 'react';

/** The app's current language as a postmortem language (follows the user's switch). */
export function useUiLanguage(): PostmortemLanguage {
  const languageApi = useApi(appLanguageApiRef);
  const [language, setLanguage] = useState(() => languageApi.getLanguage().language);
  useEffect(() => {
    const subscription = languageApi.language$().subscribe(l => setLanguage(l.language));
    return () => subscription.unsubscribe();
  }, [languageApi]);
  return language === 'ja' ? 'ja' : 'en';
}
