import { createTranslationRef } from '@backstage/frontend-plugin-api';

/**
 * The texts of the app's members card of the group page (./MembersListCard.tsx), which replaces
 * @backstage/plugin-org's.
 */
export const appOrgTranslationRef = createTranslationRef({
  id: 'app.org',
  messages: {
    membersCard: {
      title: '{{groupName}} members',
      cardLabel: 'User page for {{memberName}}',
      noMembers: 'This group has no members.',
      noSearchResult: 'No members match "{{searchTerm}}".',
      count: '{{count}} members',
      searchLabel: 'Search members',
      searchPlaceholder: 'Search members…',
      matching: '{{shown}} of {{count}} members',
      loadFailed: 'Could not load the members: {{message}}',
    },
  },
  translations: {
    ja: () => import('./translation.ja'),
  },
});
