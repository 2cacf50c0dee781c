import { createTranslationMessages } from '@backstage/frontend-plugin-api';
import { portalTitlesTranslationRef } from './titles';

export default createTranslationMessages({
  ref: portalTitlesTranslationRef,
  full: true,
  messages: {
    'sidebar.search': '検索',
    'sidebar.menu': 'メニュー',
    'sidebar.settings': '設定',
    'pages.catalog': 'カタログ',
    'pages.apis': 'API',
    'pages.catalogGraph': 'カタロググラフ',
    'pages.notifications': '通知',
    'pages.search': '検索',
    'pages.settings': '設定',
    'settingsTabs.general': '全般',
    'settingsTabs.authProviders': '認証プロバイダー',
    'settingsTabs.featureFlags': 'フィーチャーフラグ',
    'entityTabs.overview': '概要',
    'entityTabs.apis': 'API',
    'entityTabs.definition': '定義',
  },
});
