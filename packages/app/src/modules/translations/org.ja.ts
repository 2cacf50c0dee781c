import { createTranslationMessages } from '@backstage/frontend-plugin-api';
import { orgTranslationRef } from '@backstage/plugin-org/alpha';

export default createTranslationMessages({
  ref: orgTranslationRef,
  full: true,
  messages: {
    'groupProfileCard.groupNotFound': 'グループが見つかりません',
    'groupProfileCard.editIconButtonTitle': 'メタデータを編集',
    'groupProfileCard.refreshIconButtonTitle': 'エンティティの再読み込みを予約',
    'groupProfileCard.refreshIconButtonAriaLabel': '再読み込み',
    'groupProfileCard.listItemTitle.email': 'メール',
    'groupProfileCard.listItemTitle.entityRef': 'エンティティ参照',
    'groupProfileCard.listItemTitle.parentGroup': '親グループ',
    'groupProfileCard.listItemTitle.childGroups': '子グループ',
    'membersListCard.title': '{{groupName}} のメンバー',
    'membersListCard.cardLabel': '{{memberName}} のユーザーページ',
    'membersListCard.noMembersDescription': 'このグループにはメンバーがいません。',
    'membersListCard.noSearchResult': '「{{searchTerm}}」に一致するメンバーはいません。',
    'membersListCard.aggregateMembersToggle.label': 'サブグループを含める',
    'ownershipCard.title': '所有',
    'ownershipCard.aggregateRelationsToggle.label': '間接的な所有を含める',
    'userProfileCard.editIconButtonTitle': 'メタデータを編集',
    'userProfileCard.listItemTitle.email': 'メール',
    'userProfileCard.listItemTitle.memberOf': '所属',
    'userProfileCard.userNotFound': 'ユーザーが見つかりません',
    'userProfileCard.moreGroupButtonTitle': '…ほか {{number}} 件',
    'userProfileCard.allGroupDialog.title': '{{name}} の所属グループ一覧:',
    'userProfileCard.allGroupDialog.closeButtonTitle': '閉じる',
  },
});
