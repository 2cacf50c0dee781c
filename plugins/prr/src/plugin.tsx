import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint, EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import PlaylistAddCheckIcon from '@material-ui/icons/PlaylistAddCheck';
import { prrApiRef } from './api/PrrApi';
import { PrrClient } from './api/PrrClient';
import { prrTranslationRef } from './translation';

export const prrRootRouteRef = createRouteRef();

/** `api:prr`: the client of the `prr` backend. */
const prrApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: prrApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new PrrClient(deps),
    }),
});

/** `page:prr`: the fleet scorecard at /prr. */
const prrPage = PageBlueprint.make({
  params: {
    path: '/prr',
    routeRef: prrRootRouteRef,
    title: prrTranslationRef('nav.title'),
    icon: <PlaylistAddCheckIcon />,
    loader: () => import('./components/PrrScorecardPage').then(m => <m.PrrScorecardPage />),
  },
});

/** `entity-content:prr/prr`: the PRR tab of every Component. */
const prrContent = EntityContentBlueprint.make({
  name: 'prr',
  params: {
    path: 'prr',
    title: prrTranslationRef('tab.title'),
    filter: { kind: 'component' },
    loader: () => import('./components/EntityPrrContent').then(m => <m.EntityPrrContent />),
  },
});

/** `entity-card:prr/overview`: score, review state and drift on the overview. */
const prrCard = EntityCardBlueprint.make({
  name: 'overview',
  params: {
    type: 'content',
    filter: { kind: 'component' },
    loader: () => import('./components/EntityPrrCard').then(m => <m.EntityPrrCard />),
  },
});

/**
 * Production readiness reviews: the PRR tab and overview card of every Component, the fleet
 * scorecard at /prr, and the client of the `prr` backend.
 */
export const prrPlugin = createFrontendPlugin({
  pluginId: 'prr',
  title: 'Production readiness',
  icon: <PlaylistAddCheckIcon />,
  routes: { root: prrRootRouteRef },
  extensions: [prrApi, prrPage, prrContent, prrCard],
});
