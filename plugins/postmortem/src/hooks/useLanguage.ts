import { useAppLanguage } from '@internal/plugin-portal-react';
import type { PostmortemLanguage } from '@internal/plugin-postmortem-common';

/** The app's current language as a postmortem language (follows the user's switch). */
export function useUiLanguage(): PostmortemLanguage {
  return useAppLanguage() === 'ja' ? 'ja' : 'en';
}
