import { appLanguageApiRef, useApi } from '@backstage/frontend-plugin-api';
import { useEffect, useMemo, useState } from 'react';
import { createSloFormatters, type SloFormatters } from '../lib/format';

/** Intl formatters in the app's language; follows the user when they switch language. */
export function useFormatters(): SloFormatters {
  const languageApi = useApi(appLanguageApiRef);
  const [language, setLanguage] = useState(
    () => languageApi.getLanguage().language,
  );
  useEffect(() => {
    const subscription = languageApi
      .language$()
      .subscribe(next => setLanguage(next.language));
    return () => subscription.unsubscribe();
  }, [languageApi]);
  return useMemo(() => createSloFormatters(language), [language]);
}
