import { parseEntityRef, stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { appLanguageApiRef, useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { isPrrEvidenceCode, type EvidenceCode, type LocalizedText } from '@internal/plugin-prr-common';
import { useCallback, useEffect, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { prrApiRef, type ScorecardFilter } from '../api/PrrApi';
import { prrTranslationRef } from '../translation';

/** The entity's checklist with live results and its review. */
export function useEntityPrr(entity: Entity) {
  const api = useApi(prrApiRef);
  const ref = stringifyEntityRef(entity);
  return useAsyncRetry(() => api.getEntity(parseEntityRef(ref)), [api, ref]);
}

export function usePrrHistory(entity: Entity, version: unknown) {
  const api = useApi(prrApiRef);
  const ref = stringifyEntityRef(entity);
  return useAsyncRetry(() => api.getHistory(parseEntityRef(ref)), [api, ref, version]);
}

export function useScorecard(filter: ScorecardFilter) {
  const api = useApi(prrApiRef);
  return useAsyncRetry(() => api.getScorecard(filter), [api, filter.team, filter.tier]);
}

/** The app's language (`en` or `ja`), following the user's switch. */
export function useLanguage(): 'en' | 'ja' {
  const languageApi = useApi(appLanguageApiRef);
  const [language, setLanguage] = useState(() => languageApi.getLanguage().language);
  useEffect(() => {
    const subscription = languageApi.language$().subscribe(next => setLanguage(next.language));
    return () => subscription.unsubscribe();
  }, [languageApi]);
  return language === 'ja' ? 'ja' : 'en';
}

/** Picks the template text in the app's language. */
export function useLocalized(): (text: LocalizedText) => string {
  const lang = useLanguage();
  return useCallback((text: LocalizedText) => text[lang] ?? text.en, [lang]);
}

/** Dates and times in the app's language, in JST (the team's time zone). */
export function useDateTime(): (iso?: string) => string {
  const lang = useLanguage();
  return useCallback(
    (iso?: string) =>
      iso
        ? new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', {
            dateStyle: 'medium',
            timeStyle: 'short',
            timeZone: 'Asia/Tokyo',
          }).format(new Date(iso))
        : '—',
    [lang],
  );
}

/**
 * An evidence line in the app's language: its code through the translation ref, or the English
 * text the backend sent when the line has no code this frontend knows (an older result, a newer
 * backend).
 */
export function useEvidenceText(): (line: { text: string; code?: EvidenceCode }) => string {
  const { t } = useTranslationRef(prrTranslationRef);
  return useCallback(
    (line: { text: string; code?: EvidenceCode }) => {
      const code = line.code;
      if (!code || !isPrrEvidenceCode(code.code)) return line.text;
      const message = t(`evidence.${code.code}`, (code.params ?? {}) as any);
      return code.cluster ? `[${code.cluster}] ${message}` : message;
    },
    [t],
  );
}
