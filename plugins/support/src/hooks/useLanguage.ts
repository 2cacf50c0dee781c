import { appLanguageApiRef, useApi } from '@backstage/frontend-plugin-api';
import type { Localized } from '@internal/plugin-support-common';
import useObservable from 'react-use/esm/useObservable';

/** The app's language, and a picker for the `{ en, ja }` texts of request types. */
export function useLocalized() {
  const languageApi = useApi(appLanguageApiRef);
  const { language } = useObservable(languageApi.language$(), languageApi.getLanguage());
  return (text: Localized | undefined) => (text ? (language === 'ja' ? text.ja : text.en) : '');
}
