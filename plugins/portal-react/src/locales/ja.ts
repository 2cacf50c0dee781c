/** Japanese messages of the shared components (keys as in ../translation.ts; all required). */
const ja = {
  'loadFailed.view': 'ポータルのバックエンドから読み込めませんでした: {{message}}',
  'loadFailed.card': 'ポータルのバックエンドからこのカードを読み込めませんでした: {{message}}',
  retry: '再試行',
} as const;

export default ja;
