import { appLanguageApiRef, useApi } from '@backstage/frontend-plugin-api';
import { useEffect, useMemo, useState } from 'react';
import { createFormatters, type Formatters } from '../lib/format';

/** Intl formatters in the app's current language; re-renders when the user switches language. */
export function useFormatters(): Formatters {
  const languageApi = useApi(appLanguageApiRef);
  const [language, setLanguage] = useState(
    () => languageApi.getLanguage().language,
  );
  useEffect(() => {
    const subscription = languageApi
      .language$()
      .subscribe(l => setLanguage(l.language));
    return () => subscription.unsubscribe();
  }, [languageApi]);
  return useMemo(() => createFormatters(language), [language]);
}
