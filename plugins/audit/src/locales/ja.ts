/** Japanese messages of the audit plugin (keys as in ../translation.ts; all required). */
const ja = {
  'nav.title': '監査ログ',
  'page.description':
    'ポータル自身のデータ（レビュー、ポストモーテム、サポートリクエスト、SLO 補正）への変更と、その実行者・日時',
  'page.refresh': '再読み込み',
  'page.loadMore': 'さらに古い変更',
  'page.empty': '条件に一致する変更はありません。',
  'page.forbidden':
    '監査ログを閲覧できるのはプラットフォームチームのメンバーだけです。',
  'page.loadFailed': '監査ログを読み込めませんでした: {{message}}',
  'filters.plugin': 'プラグイン',
  'filters.actor': 'ユーザー',
  'filters.actorPlaceholder': 'user:default/…',
  'filters.status': '結果',
  'filters.any': 'すべて',
  'columns.time': '日時',
  'columns.actor': 'ユーザー',
  'columns.plugin': 'プラグイン',
  'columns.event': '変更',
  'columns.status': '結果',
  'columns.details': '詳細',
  'columns.requestId': 'リクエスト ID',
  'status.succeeded': '成功',
  'status.failed': '失敗',
  'actor.unknown': '不明',
} as const;

export default ja;
