import { createTranslationMessages } from '@backstage/frontend-plugin-api';
import { catalogGraphTranslationRef } from '@backstage/plugin-catalog-graph/alpha';

export default createTranslationMessages({
  ref: catalogGraphTranslationRef,
  full: true,
  messages: {
    'catalogGraphCard.title': '関係',
    'catalogGraphCard.deepLinkTitle': 'グラフを見る',
    'catalogGraphPage.title': 'カタロググラフ',
    'catalogGraphPage.filterToggleButtonTitle': '絞り込み',
    'catalogGraphPage.supportButtonDescription':
      'コンポーネントをソフトウェアカタログに追加すると、ここで関係を追えるようになります。',
    'catalogGraphPage.simplifiedSwitchLabel': '簡略表示',
    'catalogGraphPage.mergeRelationsSwitchLabel': '関係をまとめる',
    'catalogGraphPage.zoomOutDescription':
      'ピンチやズームで図の中を移動できます。クリックで中心のノードを変更、Shift を押しながらクリックでエンティティへ移動します。',
    'catalogGraphPage.curveFilter.title': '線の形',
    'catalogGraphPage.curveFilter.curveStepBefore': '階段状',
    'catalogGraphPage.curveFilter.curveMonotoneX': '曲線',
    'catalogGraphPage.directionFilter.title': '向き',
    'catalogGraphPage.directionFilter.leftToRight': '左から右',
    'catalogGraphPage.directionFilter.rightToLeft': '右から左',
    'catalogGraphPage.directionFilter.topToBottom': '上から下',
    'catalogGraphPage.directionFilter.bottomToTop': '下から上',
    'catalogGraphPage.maxDepthFilter.title': '最大の深さ',
    'catalogGraphPage.maxDepthFilter.inputPlaceholder': '∞ 無制限',
    'catalogGraphPage.maxDepthFilter.clearButtonAriaLabel': '最大の深さをクリア',
    'catalogGraphPage.selectedKindsFilter.title': '種類',
    'catalogGraphPage.selectedRelationsFilter.title': '関係',
  },
});
