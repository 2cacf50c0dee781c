/** Japanese messages of the home page (keys as in ../translation.ts; all required). */
const ja = {
  'nav.title': 'ホーム',
  'page.greeting': 'ようこそ、{{name}} さん',
  'page.subtitle': '所属チーム、対応待ちの項目、プラットフォームチームからのお知らせ',
  'myTeams.title': '所属チームのサービス',
  'myTeams.noTeams': 'カタログ上でどのチームにも所属していません。',
  'myTeams.service': 'サービス',
  'myTeams.health': '状態',
  'myTeams.replicas': 'レプリカ',
  'myTeams.problems': '問題',
  'myTeams.incidents': '未解決のインシデント',
  'myTeams.team': 'チーム: {{team}}',
  'myTeams.loadFailed': '{{team}} を読み込めませんでした: {{error}}',
  'openItems.title': '対応待ちの項目',
  'openItems.empty': '今対応が必要なものはありません。',
  'openItems.incident': '{{service}} のインシデント #{{number}}',
  'actionItems.title': '自分の未完了のアクションアイテム',
  'actionItems.empty': 'あなたやあなたのチームの未完了のポストモーテムのアクションアイテムはありません。',
  'actionItems.due': '期限 {{date}}',
  'actionItems.noDue': '期限なし',
  'actionItems.overdue': '期限切れ',
  'actionItems.failed': 'アクションアイテムを読み込めませんでした: {{error}}',
  'actionItems.all': 'すべてのポストモーテム',
  'announcements.title': 'プラットフォームチームからのお知らせ',
  'announcements.empty': 'お知らせはありません。',
} as const;

export default ja;
