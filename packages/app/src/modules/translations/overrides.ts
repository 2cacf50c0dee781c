import { createFrontendModule } from '@backstage/frontend-plugin-api';
import apiDocsPlugin from '@backstage/plugin-api-docs/alpha';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import catalogGraphPlugin from '@backstage/plugin-catalog-graph/alpha';
import notificationsPlugin from '@backstage/plugin-notifications/alpha';
import searchPlugin from '@backstage/plugin-search/alpha';
import userSettingsPlugin from '@backstage/plugin-user-settings/alpha';
import { portalTitlesTranslationRef as t } from './titles';

/**
 * The Backstage plugins' pages, sub-pages and entity tabs with their titles taken from
 * portalTitlesTranslationRef: the nav, the page headers and the entity tabs then show them in the
 * user's language (a plain string title stays English). Everything else of each extension is kept.
 */
export const titleOverrideModules = [
  createFrontendModule({
    pluginId: 'catalog',
    extensions: [
      catalogPlugin.getExtension('page:catalog').override({ params: { title: t('pages.catalog') } }),
      catalogPlugin.getExtension('page:catalog/entity').override({ params: { title: t('pages.catalog') } }),
      catalogPlugin
        .getExtension('entity-content:catalog/overview')
        .override({ params: { title: t('entityTabs.overview') } }),
    ],
  }),
  createFrontendModule({
    pluginId: 'api-docs',
    extensions: [
      apiDocsPlugin.getExtension('page:api-docs').override({ params: { title: t('pages.apis') } }),
      apiDocsPlugin
        .getExtension('entity-content:api-docs/definition')
        .override({ params: { title: t('entityTabs.definition') } }),
      apiDocsPlugin.getExtension('entity-content:api-docs/apis').override({ params: { title: t('entityTabs.apis') } }),
    ],
  }),
  createFrontendModule({
    pluginId: 'catalog-graph',
    extensions: [
      catalogGraphPlugin.getExtension('page:catalog-graph').override({ params: { title: t('pages.catalogGraph') } }),
    ],
  }),
  createFrontendModule({
    pluginId: 'notifications',
    extensions: [
      notificationsPlugin.getExtension('page:notifications').override({ params: { title: t('pages.notifications') } }),
    ],
  }),
  createFrontendModule({
    pluginId: 'search',
    extensions: [searchPlugin.getExtension('page:search').override({ params: { title: t('pages.search') } })],
  }),
  createFrontendModule({
    pluginId: 'user-settings',
    extensions: [
      userSettingsPlugin.getExtension('page:user-settings').override({ params: { title: t('pages.settings') } }),
      userSettingsPlugin
        .getExtension('sub-page:user-settings/general')
        .override({ params: { title: t('settingsTabs.general') } }),
      userSettingsPlugin
        .getExtension('sub-page:user-settings/auth-providers')
        .override({ params: { title: t('settingsTabs.authProviders') } }),
      userSettingsPlugin
        .getExtension('sub-page:user-settings/feature-flags')
        .override({ params: { title: t('settingsTabs.featureFlags') } }),
    ],
  }),
];
