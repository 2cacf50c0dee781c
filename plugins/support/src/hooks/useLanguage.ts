import { useAppLanguage } from '@internal/plugin-portal-react';
import type { Localized } from '@internal/plugin-support-common';
import { useCallback } from 'react';

/** A picker for the `{ en, ja }` texts of request types, in the app's current language. */
export function useLocalized() {
  const language = useAppLanguage();
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
  return useAppLanguage();
}
