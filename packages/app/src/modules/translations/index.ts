import { createFrontendModule, createTranslationResource } from '@backstage/frontend-plugin-api';
import { coreComponentsTranslationRef } from '@backstage/core-components/alpha';
import { TranslationBlueprint } from '@backstage/plugin-app-react';
import { apiDocsTranslationRef } from '@backstage/plugin-api-docs/alpha';
import { catalogTranslationRef } from '@backstage/plugin-catalog/alpha';
import { catalogGraphTranslationRef } from '@backstage/plugin-catalog-graph/alpha';
import { catalogReactTranslationRef } from '@backstage/plugin-catalog-react/alpha';
import { notificationsTranslationRef } from '@backstage/plugin-notifications/alpha';
import { orgTranslationRef } from '@backstage/plugin-org/alpha';
import { searchTranslationRef } from '@backstage/plugin-search/alpha';
import { searchReactTranslationRef } from '@backstage/plugin-search-react/alpha';
import { userSettingsTranslationRef } from '@backstage/plugin-user-settings/alpha';
import { titleOverrideModules } from './overrides';
import { portalTitlesTranslationRef } from './titles';

export { portalTitlesTranslationRef } from './titles';

/**
 * Japanese for the Backstage plugins the portal uses (Backstage ships English only). Each
 * language file is loaded only when the user reads the portal in that language.
 */
const resources = [
  createTranslationResource({ ref: portalTitlesTranslationRef, translations: { ja: () => import('./titles.ja') } }),
  createTranslationResource({
    ref: coreComponentsTranslationRef,
    translations: { ja: () => import('./coreComponents.ja') },
  }),
  createTranslationResource({ ref: catalogTranslationRef, translations: { ja: () => import('./catalog.ja') } }),
  createTranslationResource({
    ref: catalogReactTranslationRef,
    translations: { ja: () => import('./catalogReact.ja') },
  }),
  createTranslationResource({
    ref: catalogGraphTranslationRef,
    translations: { ja: () => import('./catalogGraph.ja') },
  }),
  createTranslationResource({ ref: apiDocsTranslationRef, translations: { ja: () => import('./apiDocs.ja') } }),
  createTranslationResource({ ref: orgTranslationRef, translations: { ja: () => import('./org.ja') } }),
  createTranslationResource({ ref: searchTranslationRef, translations: { ja: () => import('./search.ja') } }),
  createTranslationResource({ ref: searchReactTranslationRef, translations: { ja: () => import('./searchReact.ja') } }),
  createTranslationResource({
    ref: userSettingsTranslationRef,
    translations: { ja: () => import('./userSettings.ja') },
  }),
  createTranslationResource({
    ref: notificationsTranslationRef,
    translations: { ja: () => import('./notifications.ja') },
  }),
];

const translationsModule = createFrontendModule({
  pluginId: 'app',
  extensions: resources.map(resource => TranslationBlueprint.make({ name: resource.id, params: { resource } })),
});

/** The app's modules that make the Backstage plugins speak the portal's languages. */
export const translationModules = [translationsModule, ...titleOverrideModules];
