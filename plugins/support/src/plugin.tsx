import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import HelpOutlineIcon from '@material-ui/icons/HelpOutline';
import { supportApiRef } from './api/SupportApi';
import { SupportClient } from './api/SupportClient';
import { supportTranslationRef } from './translation';

export const supportRootRouteRef = createRouteRef();

/** `api:support`: the client of the `support` backend. */
const supportApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: supportApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new SupportClient(deps),
    }),
});

/** `page:support`: /support with new request, my requests, triage queue, analytics and request pages. */
const supportPage = PageBlueprint.make({
  params: {
    path: '/support',
    routeRef: supportRootRouteRef,
    title: supportTranslationRef('nav.title'),
    icon: <HelpOutlineIcon />,
    loader: () => import('./components/SupportPage').then(m => <m.SupportPage />),
  },
});

/** `entity-card:support/requests`: a Component's open support requests and a "Request help" button. */
const supportCard = EntityCardBlueprint.make({
  name: 'requests',
  params: {
    type: 'content',
    filter: 'kind:component',
    loader: () => import('./components/EntitySupportCard').then(m => <m.EntitySupportCard />),
  },
});

/** Support requests to the platform team: the Support page and the entity card. */
export const supportPlugin = createFrontendPlugin({
  pluginId: 'support',
  title: 'Support',
  icon: <HelpOutlineIcon />,
  routes: { root: supportRootRouteRef },
  extensions: [supportApi, supportPage, supportCard],
});
