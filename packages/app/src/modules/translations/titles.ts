import { createTranslationRef } from '@backstage/frontend-plugin-api';

/**
 * Titles of the Backstage pages, sub-pages and entity tabs the portal shows, and the sidebar's
 * own labels. The Backstage plugins name these with plain strings; the app gives them this
 * ref's messages instead (./overrides.ts; Japanese in ./titles.ja.ts, registered in ./index.ts) so the nav, page headers and tabs follow the language.
 */
export const portalTitlesTranslationRef = createTranslationRef({
  id: 'app.titles',
  messages: {
    sidebar: {
      search: 'Search',
      menu: 'Menu',
      settings: 'Settings',
    },
    pages: {
      catalog: 'Catalog',
      apis: 'APIs',
      catalogGraph: 'Entity graph',
      notifications: 'Notifications',
      search: 'Search',
      settings: 'Settings',
    },
    settingsTabs: {
      general: 'General',
      authProviders: 'Authentication Providers',
      featureFlags: 'Feature Flags',
    },
    entityTabs: {
      overview: 'Overview',
      apis: 'APIs',
      definition: 'Definition',
    },
  },
});
