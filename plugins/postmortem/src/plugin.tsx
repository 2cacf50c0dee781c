import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint, EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import AssignmentIcon from '@material-ui/icons/Assignment';
import { postmortemApiRef } from './api/PostmortemApi';
import { PostmortemClient } from './api/PostmortemClient';
import { postmortemRootRouteRef } from './routes';
import { postmortemTranslationRef } from './translation';

/** `api:postmortem`: the client of the `postmortem` backend. */
const postmortemApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: postmortemApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new PostmortemClient(deps),
    }),
});

/** `page:postmortem`: the list at /postmortems, /postmortems/new and the editor /postmortems/{id}. */
const postmortemsPage = PageBlueprint.make({
  params: {
    path: '/postmortems',
    routeRef: postmortemRootRouteRef,
    title: postmortemTranslationRef('nav.title'),
    icon: <AssignmentIcon />,
    loader: () => import('./components/PostmortemsRouter').then(m => <m.PostmortemsRouter />),
  },
});

/** `entity-content:postmortem/postmortems`: the Postmortems tab of Components. */
const postmortemsContent = EntityContentBlueprint.make({
  name: 'postmortems',
  params: {
    path: 'postmortems',
    title: postmortemTranslationRef('tab.title'),
    filter: { kind: 'component' },
    loader: () => import('./components/EntityPostmortems').then(m => <m.EntityPostmortemsContent />),
  },
});

/** `entity-card:postmortem/overview`: open action items and the latest postmortems of a Component. */
const postmortemsCard = EntityCardBlueprint.make({
  name: 'overview',
  params: {
    type: 'content',
    filter: { kind: 'component' },
    loader: () => import('./components/EntityPostmortems').then(m => <m.EntityPostmortemsCard />),
  },
});

/**
 * Postmortems: the list, editor and metrics at /postmortems, the Postmortems tab and card of
 * Components, and the client of the `postmortem` backend.
 */
export const postmortemPlugin = createFrontendPlugin({
  pluginId: 'postmortem',
  title: 'Postmortems',
  icon: <AssignmentIcon />,
  routes: { root: postmortemRootRouteRef },
  extensions: [postmortemApi, postmortemsPage, postmortemsContent, postmortemsCard],
});
