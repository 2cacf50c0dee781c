import { createTranslationMessages } from '@backstage/frontend-plugin-api';
import { searchReactTranslationRef } from '@backstage/plugin-search-react/alpha';

export default createTranslationMessages({
  ref: searchReactTranslationRef,
  full: true,
  messages: {
    'searchBar.title': '検索',
    'searchBar.placeholder': '{{org}} を検索',
    'searchBar.clearButtonTitle': 'クリア',
    'searchFilter.allOptionTitle': 'すべて',
    'searchPagination.limitLabel': '1 ページの件数:',
    'searchPagination.limitText': '/ {{num}} 件',
    noResultsDescription: '結果は見つかりませんでした',
    'searchResultGroup.linkTitle': 'すべて見る',
    'searchResultGroup.addFilterButtonTitle': '絞り込みを追加',
    'searchResultPager.next': '次へ',
    'searchResultPager.previous': '前へ',
  },
});
