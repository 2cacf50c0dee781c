/** Japanese of appOrgTranslationRef (keys as in ./translation.ts; all required). */
const ja = {
  'membersCard.title': '{{groupName}} のメンバー',
  'membersCard.cardLabel': '{{memberName}} のユーザーページ',
  'membersCard.noMembers': 'このグループにはメンバーがいません。',
  'membersCard.noSearchResult': '「{{searchTerm}}」に一致するメンバーはいません。',
  'membersCard.count': 'メンバー {{count}} 人',
  'membersCard.searchLabel': 'メンバーを検索',
  'membersCard.searchPlaceholder': 'メンバーを検索…',
  'membersCard.matching': '{{count}} 人中 {{shown}} 人',
  'membersCard.loadFailed': 'メンバーを読み込めませんでした: {{message}}',
} as const;

export default ja;
