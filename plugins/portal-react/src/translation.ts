import { createTranslationRef } from '@backstage/frontend-plugin-api';

/** The strings of the shared components, in English; Japanese in ./locales/ja.ts. */
export const portalReactMessages = {
  loadFailed: {
    view: 'Could not load this from the portal backend: {{message}}',
    card: 'Could not load this card from the portal backend: {{message}}',
  },
  retry: 'Retry',
} as const;

export const portalReactTranslationRef = createTranslationRef({
  id: 'portal-react',
  messages: portalReactMessages,
  translations: {
    ja: () => import('./locales/ja'),
  },
});
