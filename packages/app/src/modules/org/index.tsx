import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';

/**
 * Replaces @backstage/plugin-org's members card of the group page (same extension id,
 * entity-card:org/members-list, so its place and config stay) with the app's own, whose every
 * text is translated (appOrgTranslationRef carries its Japanese).
 */
export const orgOverrideModule = createFrontendModule({
  pluginId: 'org',
  extensions: [
    EntityCardBlueprint.make({
      name: 'members-list',
      params: {
        filter: { kind: 'group' },
        loader: async () => import('./MembersListCard').then(m => <m.MembersListCard />),
      },
    }),
  ],
});
