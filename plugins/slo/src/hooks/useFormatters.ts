import {
  appLanguageApiRef,
  configApiRef,
  useApi,
} from '@backstage/frontend-plugin-api';
import { DEFAULT_TIME_ZONE } from '@internal/plugin-slo-common';
import { useEffect, useMemo, useState } from 'react';
import { createSloFormatters, type SloFormatters } from '../lib/format';

/** The IANA zone of SLO windows and corrections: `slo.timeZone`, default Asia/Tokyo. */
export function useSloTimeZone(): string {
  const config = useApi(configApiRef);
  return config.getOptionalString('slo.timeZone') ?? DEFAULT_TIME_ZONE;
}

/**
 * Intl formatters in the app's language and the SLO zone; follows the user when they switch
 * language.
 */
export function useFormatters(): SloFormatters {
  const languageApi = useApi(appLanguageApiRef);
  const timeZone = useSloTimeZone();
  const [language, setLanguage] = useState(
    () => languageApi.getLanguage().language,
  );
  useEffect(() => {
    const subscription = languageApi
      .language$()
      .subscribe(next => setLanguage(next.language));
    return () => subscription.unsubscribe();
  }, [languageApi]);
  return useMemo(
    () => createSloFormatters(language, timeZone),
    [language, timeZone],
  );
}
