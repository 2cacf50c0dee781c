/** Japanese messages of the catalog-quality plugin (keys as in ../translation.ts; all required). */
const ja = {
  'nav.title': 'カタログ品質',
  'page.description':
    'カタログの登録内容の不備と、Kubernetes 上で実際に動いているものとのずれ',
  'page.refresh': '再読み込み',
  'page.generatedAt': '{{time}} 時点',
  'page.total': '検出件数: {{total}} 件',
  'problems.processing-error': '処理エラー',
  'problems.missing-owner': 'オーナー未設定',
  'problems.unknown-owner': '存在しないオーナー',
  'problems.missing-annotation': 'アノテーション不足',
  'problems.orphan': '孤立したエンティティ',
  'problems.workload-without-entity': 'カタログ未登録のワークロード',
  'problems.no-running-workload': '稼働中のワークロードなし',
  'problemHints.processing-error':
    'カタログがエンティティを処理できませんでした',
  'problemHints.missing-owner': 'spec.owner が設定されていません',
  'problemHints.unknown-owner': 'オーナーがカタログに存在しません',
  'problemHints.missing-annotation':
    'PagerDuty・Kubernetes・SLO のアノテーションが不足しています',
  'problemHints.orphan': '登録元のロケーションから提供されなくなっています',
  'problemHints.workload-without-entity':
    'どのエンティティにも対応しない Deployment / StatefulSet です',
  'problemHints.no-running-workload':
    'Kubernetes アノテーションに一致するワークロードが動いていません',
  'severity.error': 'エラー',
  'severity.warning': '警告',
  'severity.info': '情報',
  'filters.problem': '問題の種類',
  'filters.severity': '重要度',
  'filters.all': 'すべて',
  'table.title': '検出結果',
  'table.empty': '問題は見つかりませんでした。カタログは良好な状態です。',
  'table.columns.severity': '重要度',
  'table.columns.problem': '問題',
  'table.columns.entity': 'エンティティ',
  'table.columns.owner': 'オーナー',
  'table.columns.where': 'クラスター / Namespace',
  'table.columns.detail': '詳細',
  'table.notInCatalog': 'カタログ未登録',
  'details.notInCatalog':
    'カタログに取り込まれていません（読み込み元: {{location}}）',
  'details.missingOwner': 'spec.owner が設定されていません',
  'details.unknownOwner': '{{owner}} はカタログに存在しません',
  'details.pagerduty':
    'PagerDuty のサービス ID（pagerduty.com/service-id）がないため、オンコールとインシデントを表示できません',
  'details.kubernetes':
    'Kubernetes の ID またはラベルセレクターがないため、ワークロードを特定できません',
  'details.invalidSelector': 'Kubernetes のラベルセレクターが不正です',
  'details.slo':
    'SLO が宣言されていません（spec.slo）',
  'details.orphan':
    '登録元のロケーションからこのエンティティが提供されなくなっています',
  'details.workloadWithoutEntity':
    'この {{kind}} に対応するカタログのエンティティがありません',
  'details.noRunningWorkload':
    'Kubernetes アノテーションに一致する Deployment / StatefulSet がありません',
  'freshness.staleTitle': 'Kubernetes のデータが最新ではありません',
  'freshness.unavailableTitle': 'Kubernetes のデータを取得できません',
  'freshness.staleHint':
    'ずれの検出には、最後に取得できたスナップショットを使っています。',
  'freshness.unavailableHint':
    '取得できないクラスターではワークロードの有無を判定していないため、ずれの検出結果が欠けている可能性があります。',
  'freshness.staleCluster': '{{cluster}}: {{age}}前のスナップショット',
  'freshness.unavailableCluster': '{{cluster}}: 取得できません（{{error}}）',
  'freshness.unknownError': '原因不明のエラー',
  'age.seconds': '{{value}} 秒',
  'age.minutes': '{{value}} 分',
  'age.hours': '{{value}} 時間',
  'unprocessed.title': '処理に失敗したエンティティを取得できませんでした',
  'unprocessed.message':
    'カタログに一度も取り込まれていないエンティティの処理エラーは、このレポートに含まれていません。',
} as const;

export default ja;
