import { createTranslationMessages } from '@backstage/frontend-plugin-api';
import { searchTranslationRef } from '@backstage/plugin-search/alpha';

export default createTranslationMessages({
  ref: searchTranslationRef,
  full: true,
  messages: {
    'searchModal.viewFullResults': 'すべての結果を見る',
    'searchType.tabs.allTitle': 'すべて',
    'searchType.allResults': 'すべての結果',
    'searchType.accordion.collapse': '折りたたむ',
    'searchType.accordion.numberOfResults': '{{number}} 件',
    'searchType.accordion.allTitle': 'すべて',
    'sidebarSearchModal.title': '検索',
  },
});
