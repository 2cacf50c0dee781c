import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';

/**
 * `entity-card:overview/live-state`: the band that opens every Component's overview (on-call,
 * incidents, SLO, PRR, Kubernetes, support). app-config lists it first among the overview's cards.
 */
const liveStateCard = EntityCardBlueprint.make({
  name: 'live-state',
  params: {
    type: 'content',
    filter: { kind: 'component' },
    loader: () => import('./components/LiveStateBand').then(m => <m.LiveStateBand />),
  },
});

/** `entity-card:overview/team-live-state`: the same for the services a Group owns. */
const teamLiveStateCard = EntityCardBlueprint.make({
  name: 'team-live-state',
  params: {
    type: 'content',
    filter: { kind: 'group' },
    loader: () => import('./components/TeamLiveStateBand').then(m => <m.EntityTeamLiveStateBand />),
  },
});

/** Live state first: the summary bands of Component pages, Group pages and the home page. */
export const overviewPlugin = createFrontendPlugin({
  pluginId: 'overview',
  title: 'Live state',
  extensions: [liveStateCard, teamLiveStateCard],
});
