import { configApiRef, useApi } from '@backstage/frontend-plugin-api';
import { DEFAULT_TIME_ZONE } from '@internal/plugin-slo-common';
import { useAppLanguage } from '@internal/plugin-portal-react';
import { useMemo } from 'react';
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
  const language = useAppLanguage();
  const timeZone = useSloTimeZone();
  return useMemo(() => createSloFormatters(language, timeZone), [language, timeZone]);
}
